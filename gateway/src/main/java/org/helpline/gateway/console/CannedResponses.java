package org.helpline.gateway.console;

import java.util.List;

/**
 * Default canned responses for counsellors, per language (override with helpline.console.canned.<lang>): greetings,
 * safety, safe-contact replies and the report routes for image abuse (the texter's own country's hotline is in the
 * report flow's text, gateway report-routes.tsv).
 */
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
                    "¿Es seguro que sigamos hablando ahora? Si no, escribe ME VOY y vuelve cuando puedas.",
                    "Para que quiten una foto sin enviársela a nadie: Take It Down (takeitdown.ncmec.org), si tenías "
                            + "menos de 18 en ella. La foto nunca sale de tu teléfono.",
                    "En el Reino Unido, Childline y la IWF pueden quitarla con Report Remove: "
                            + "childline.org.uk/report-remove",
                    "También puedes denunciarla en la línea de denuncia de tu país: la encuentras en inhope.org. No "
                            + "reenvíes la foto a nadie, ni siquiera para denunciarla.");
        }
        if ("fr".equals(language)) {
            return List.of(
                    "Salut, je suis écoutant·e à la ligne d'écoute. Merci de nous avoir écrit. Qu'est-ce qui se passe ?",
                    "Merci de me l'avoir dit. Ce n'est pas de ta faute.",
                    "Est-ce que tu es en sécurité en ce moment ?",
                    "Si tu es en danger maintenant, appelle le numéro d'urgence. Je reste là avec toi.",
                    "Est-ce qu'il y a un adulte de confiance à qui tu pourrais en parler ?",
                    "Tu as bien fait d'en parler à quelqu'un.",
                    "Je ne t'écrirai pas sauf si tu m'écris d'abord. Si tu dois arrêter d'un coup, écris JE PARS et on "
                            + "ne répondra pas.",
                    "Est-ce que c'est sûr de continuer à parler maintenant ? Sinon, écris JE PARS et reviens quand tu "
                            + "peux.",
                    "Pour faire retirer une photo sans l'envoyer à personne : Take It Down (takeitdown.ncmec.org), si "
                            + "tu avais moins de 18 ans dessus. La photo ne quitte jamais ton téléphone.",
                    "Au Royaume-Uni, Childline et l'IWF peuvent la retirer avec Report Remove : "
                            + "childline.org.uk/report-remove",
                    "Tu peux aussi la signaler à la plateforme de signalement de ton pays : tu la trouves sur inhope.org "
                            + "(en France, Point de Contact). Ne transfère la photo à personne, même pour la signaler.");
        }
        if ("pt".equals(language)) {
            return List.of(
                    "Oi, sou atendente da linha de apoio. Obrigado por escrever pra gente. O que está acontecendo?",
                    "Obrigado por me contar. A culpa não é sua.",
                    "Você está em segurança agora?",
                    "Se você está em perigo agora, ligue para o número de emergência. Eu continuo aqui com você.",
                    "Tem algum adulto de confiança com quem você possa conversar sobre isso?",
                    "Você fez bem em contar para alguém.",
                    "Não vou te escrever a não ser que você escreva primeiro. Se precisar parar de repente, escreva FUI "
                            + "e a gente não responde.",
                    "É seguro continuar conversando agora? Se não for, escreva FUI e volte quando puder.",
                    "Para tirar uma foto do ar sem mandar para ninguém: Take It Down (takeitdown.ncmec.org), se você "
                            + "tinha menos de 18 anos nela. A foto nunca sai do seu celular.",
                    "No Reino Unido, a Childline e a IWF podem tirar com o Report Remove: "
                            + "childline.org.uk/report-remove",
                    "Você também pode denunciar no canal de denúncia do seu país: você encontra em inhope.org (no "
                            + "Brasil, a SaferNet). Não encaminhe a foto para ninguém, nem para denunciar.");
        }
        if ("sw".equals(language)) {
            // written by the project, not yet read by a Swahili-speaking counsellor (as messages/sw.yml)
            return List.of(
                    "Habari, mimi ni mshauri wa huduma ya msaada. Asante kwa kutuandikia. Nini kimekuwa kikiendelea?",
                    "Asante kwa kuniambia. Hili si kosa lako.",
                    "Uko salama sasa hivi?",
                    "Ukiwa hatarini sasa hivi, piga namba ya dharura. Mimi bado niko hapa pamoja nawe.",
                    "Kuna mtu mzima unayemwamini unayeweza kuongea naye kuhusu hili?",
                    "Umefanya vizuri kumwambia mtu.",
                    "Sitakuandikia usipoandika kwanza. Ukilazimika kuacha ghafla, tuma NAONDOKA na hatutajibu.",
                    "Ni salama kuendelea kuongea sasa? Kama sivyo, tuma NAONDOKA na urudi ukiweza.",
                    "Kuondoa picha bila kumtumia mtu yeyote: Take It Down (takeitdown.ncmec.org), kama ulikuwa chini "
                            + "ya miaka 18 kwenye picha. Picha haitoki kwenye simu yako.",
                    "Uingereza, Childline na IWF wanaweza kuiondoa kwa Report Remove: "
                            + "childline.org.uk/report-remove",
                    "Unaweza pia kuiripoti kwa kituo cha kuripoti cha nchi yako: utakipata kwenye inhope.org. Usimtumie "
                            + "mtu yeyote picha hiyo, hata kwa kuiripoti.");
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
                "Is it safe to keep talking right now? If not, text GTG and come back when you can.",
                "To get a picture taken down without sending it to anyone: Take It Down (takeitdown.ncmec.org), if "
                        + "you were under 18 in it. The picture never leaves your phone.",
                "In the UK, Childline and the IWF can remove it with Report Remove: childline.org.uk/report-remove",
                "You can also report it to your country's hotline: find it at inhope.org. Please don't forward the "
                        + "picture to anyone, not even to report it.");
    }
}
