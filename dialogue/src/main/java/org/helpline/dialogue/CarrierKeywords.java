package org.helpline.dialogue;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The carrier's single-word keywords (Twilio's defaults), matched on the whole message in any case, ignoring
 * surrounding spaces and punctuation. They are handled before any flow, so a running flow never swallows them.
 * Spanish opt-out words (PARAR, BAJA, CANCELAR, DETENER) and French ones (ARRET / ARRÊT, DESABONNER, DESINSCRIRE)
 * are ours: Twilio's default list does not have them, so Twilio does not block the number for them and the gateway's
 * own send point does (as it does for Twilio's words, before Twilio would refuse with 21610). French carriers and
 * the French SMS code of practice use STOP itself, which is Twilio's; the French words are for texters who
 * translate it. Accents are optional (ARRET and ARRÊT). Portuguese: SAIR (PARAR and CANCELAR are the Spanish words
 * too), the word Brazilian SMS services usually ask for (not checked against a carrier's list). Swahili: ACHA
 * ("stop it") and SITISHA ("suspend") to stop, ANZA ("start") to come back and MSAADA ("help") for the help reply, the
 * words our Swahili messages tell texters to send (not checked against a Kenyan or Tanzanian carrier's list). ACHA is
 * also Hinglish for "OK" ("acha"): a Hindi speaker who answers with that one word is opted out and told to text START,
 * the price of a short Swahili stop word, accepted because a stop word that fails is worse than one that fires.
 */
public final class CarrierKeywords {
    /** What a keyword asks for. */
    public enum Kind { OPT_OUT, OPT_IN, HELP, INFO }

    private static final Set<String> OPT_OUT = Set.of("STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE",
            "OPTOUT", "CANCEL");
    /**
     * Opt-out words of the other shipped languages (Spanish, French, Portuguese, Swahili), which the carrier does not
     * know.
     */
    private static final Set<String> OPT_OUT_OTHER_LANGUAGES = Set.of("PARAR", "BAJA", "CANCELAR", "DETENER",
            "ARRET", "ARRÊT", "DESABONNER", "DÉSABONNER", "DESINSCRIRE", "DÉSINSCRIRE", "SAIR", "ACHA", "SITISHA");
    /**
     * ANZA is Swahili. The carrier does not know it, so after the carrier's own STOP only START lifts the block: our
     * Swahili messages therefore tell texters to send START, and ANZA is understood for those who translate it.
     */
    private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP", "ANZA");
    /** HELP is the carrier's; MSAADA is the Swahili word our messages do not need the carrier to know. */
    private static final Set<String> HELP = Set.of("HELP", "MSAADA");

    private CarrierKeywords() {
    }

    /** Punctuation, symbols and spaces at either end; compiled once (String.replaceAll compiles per call). */
    private static final Pattern EDGES =
            Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");

    /** The keyword in {@code text}, uppercased, or empty when the text is not a single keyword. */
    public static Optional<String> word(String text) {
        String w = EDGES.matcher(text.strip()).replaceAll("");
        if (w.isEmpty() || w.length() > 12 || !w.chars().allMatch(Character::isLetter)) {
            return Optional.empty();
        }
        return Optional.of(w.toUpperCase(Locale.ROOT));
    }

    /** True when the carrier (Twilio) itself blocks the number after this opt-out word. */
    public static boolean carrierBlocks(String word) {
        return OPT_OUT.contains(word);
    }

    public static Optional<Kind> kind(String text) {
        return word(text).flatMap(w -> {
            if (OPT_OUT.contains(w) || OPT_OUT_OTHER_LANGUAGES.contains(w)) {
                return Optional.of(Kind.OPT_OUT);
            }
            if (OPT_IN.contains(w)) {
                return Optional.of(Kind.OPT_IN);
            }
            if (HELP.contains(w)) {
                return Optional.of(Kind.HELP);
            }
            if (w.equals("INFO")) {
                return Optional.of(Kind.INFO);
            }
            return Optional.empty();
        });
    }
}
