package org.helpline.gateway;

import io.micronaut.runtime.Micronaut;

/** Entry point of the helpline gateway service. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
