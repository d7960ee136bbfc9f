package org.helpline.nlp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a risk message is about someone else ("my friend says she wants to die") rather than the writer.
 * Works on normalised text ({@link TextNormaliser}). A message that also carries first-person risk ("my friend told me
 * to kill myself") is about the writer: the writer's own risk comes first.
 */
final class ReportedSpeech {
    /** Someone the writer may be worried about, or a third-person reflexive ("cutting herself"). */
    private static final Pattern THIRD_PARTY = Pattern.compile("(?<![\\p{L}'])("
            + "my (friend|best friend|mate|sister|brother|cousin|classmate|girlfriend|boyfriend|bro|sis|little sister"
            + "|little brother|big sister|big brother|friends|crush|neighbour|neighbor|teammate)"
            + "|(a|one of my|this|some) (friend|girl|boy|kid|guy) (in|at|from|on|i know)"
            + "|(herself|himself|themselves|themself)"
            + "|(her|his|their) (own )?(life|wrists?|arms?|note)"
            + "|mi (amiga|amigo|hermana|hermano|prima|primo|novia|novio|companera|companero|mejor amiga|mejor amigo"
            + "|hermanita|hermanito)"
            + "|(suicidarse|matarse|cortarse|se quiere morir|se quiere matar|se corta|se va a matar)"
            + ")(?![\\p{L}'])");
    /** The writer is the one at risk: their own risk comes first even when someone else is mentioned. */
    private static final Pattern FIRST_PERSON_RISK = Pattern.compile("(?<![\\p{L}'])("
            + "myself|kill me|hurt me|hits me|hit me|beats me|touches me|touched me|threatening me|blackmailing me"
            + "|outside my|my (nude )?pictures|my photos|my videos|my life|i want to die|i am going to kill"
            + "|i will kill|i took|i have the pills|i cut"
            + "|without me|if i was gone|if i were gone|i was not here|i wasn't here|i am not here"
            + "|i can't go on|i can't do this|i can't take it|i am done"
            + "|matarme|suicidarme|cortarme|me corto|me quiero morir|quiero morir|me pega|me toca|me amenaza"
            + "|mis fotos|mi vida|me voy a matar"
            + ")(?![\\p{L}'])");

    private ReportedSpeech() {
    }

    /**
     * The third-party cue, when the normalised message speaks about someone else and not the writer's own risk.
     * {@code explicitStatement}: the lexicon found an explicit first-person statement ("i don't want to wake up"),
     * which is the writer's own risk whoever else a long message mentions ("my friends stopped inviting me").
     */
    static Optional<String> thirdPartyCue(String normalised, boolean explicitStatement) {
        if (explicitStatement) {
            return Optional.empty();
        }
        Matcher m = THIRD_PARTY.matcher(normalised);
        if (!m.find() || FIRST_PERSON_RISK.matcher(normalised).find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }
}
