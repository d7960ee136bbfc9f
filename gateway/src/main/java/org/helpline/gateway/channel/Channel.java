package org.helpline.gateway.channel;

/** How a young person reaches us. WhatsApp is an address scheme of the same Twilio adapter as SMS. */
public enum Channel {
    SMS, WHATSAPP, SIMULATOR
}
