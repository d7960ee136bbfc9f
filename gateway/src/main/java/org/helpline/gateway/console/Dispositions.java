package org.helpline.gateway.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a counsellor closes a case, after Child Helpline International's data framework (main categories: violence,
 * including cyberbullying and online sexual abuse and exploitation; mental health, including self-harm and suicidal
 * thoughts; family; peer relationships; sexuality; physical health; education; information and other).
 */
public final class Dispositions {
    /** Code → label, in the order the console lists them. */
    public static final Map<String, String> CODES = new LinkedHashMap<>();

    static {
        CODES.put("violence.cyberbullying", "Violence: cyberbullying / online harassment");
        CODES.put("violence.online_sexual_exploitation", "Violence: online sexual abuse or exploitation");
        CODES.put("violence.sextortion", "Violence: sextortion / image-based abuse");
        CODES.put("violence.grooming", "Violence: grooming");
        CODES.put("violence.physical_home", "Violence: physical or emotional abuse at home");
        CODES.put("violence.sexual", "Violence: sexual abuse (offline)");
        CODES.put("mental_health.self_harm", "Mental health: self-harm");
        CODES.put("mental_health.suicidal", "Mental health: suicidal thoughts");
        CODES.put("mental_health.anxiety_depression", "Mental health: anxiety, sadness, depression");
        CODES.put("family", "Family relationships");
        CODES.put("peer_relationships", "Peer and partner relationships");
        CODES.put("sexuality", "Sexuality and sexual health");
        CODES.put("education", "School and education");
        CODES.put("information", "Information only (e.g. online safety)");
        CODES.put("referred_emergency", "Referred to emergency services");
        CODES.put("no_response", "Young person stopped responding");
        CODES.put("other", "Other");
    }

    private Dispositions() {
    }
}
