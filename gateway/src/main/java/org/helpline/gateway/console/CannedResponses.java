package org.helpline.gateway.console;

import java.util.List;

/** Default canned responses for counsellors, per language (override with helpline.console.canned.<lang>). */
final class CannedResponses {
    private CannedResponses() {
    }

    static List<String> defaults(String language) {
        if ("es".equals(language)) {
            return List.of(
                    "Hola, soy consejero/a de la línea de ayuda. Gracias por escribirnos. ¿Qué está pasando?",
                    "Gracias por contármelo. No es tu culpa.",
                    "¿Estás a salvo en este momento?",
                    "Si estás en peligro ahora, llama al número de emergencias. Yo sigo aquí contigo.",
                    "¿Hay algún adulto de confianza con quien puedas hablar de esto?",
                    "No te escribiré a menos que tú me escribas primero. Si tienes que dejarlo de golpe, escribe ME VOY "
                            + "y no responderemos.",
                    "¿Es seguro que sigamos hablando ahora? Si no, escribe ME VOY y vuelve cuando puedas.");
        }
        return List.of(
                "Hi, I'm a counsellor at the helpline. Thank you for reaching out. What's been happening?",
                "Thank you for telling me. This is not your fault.",
                "Are you safe right now?",
                "If you are in danger right now, please call the emergency number. I'm still here with you.",
                "Is there an adult you trust that you could talk to about this?",
                "You did the right thing by telling someone.",
                "I won't message you unless you write to me first. If you have to stop suddenly, text GTG and we "
                        + "won't reply.",
                "Is it safe to keep talking right now? If not, text GTG and come back when you can.");
    }
}
