package org.helpline.nlp.features;

import java.util.Arrays;

/**
 * Receives features one at a time as characters in a reused buffer, so a feature that the model looks up and then
 * forgets never becomes a String: {@code begin("c=").append(token, 0, 3).end()}. See {@link StreamingFeatureGenerator}.
 * Not thread-safe: one per thread.
 */
public abstract class FeatureSink {
    private char[] chars = new char[64];
    private int length;

    /** Starts a new feature with this prefix ("bow=", "c=", ...). */
    public final FeatureSink begin(String prefix) {
        length = 0;
        return append(prefix);
    }

    public final FeatureSink append(String s) {
        return append(s, 0, s.length());
    }

    public final FeatureSink append(String s, int from, int to) {
        int n = to - from;
        ensure(n);
        s.getChars(from, to, chars, length);
        length += n;
        return this;
    }

    public final FeatureSink append(char c) {
        ensure(1);
        chars[length++] = c;
        return this;
    }

    /** The feature is complete: {@link #accept} it. */
    public final void end() {
        accept(chars, length);
    }

    /** One whole feature given as a String (generators that cannot stream). */
    public final void feature(String feature) {
        begin(feature).end();
    }

    /** One feature: {@code chars[0..length)}; the buffer is reused for the next feature. */
    protected abstract void accept(char[] chars, int length);

    private void ensure(int more) {
        if (length + more > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
        }
    }
}
