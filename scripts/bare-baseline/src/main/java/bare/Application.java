package bare;

import io.micronaut.runtime.Micronaut;

/** The bare baseline's entry point: {@code java -jar target/bare-baseline-0.1.0-SNAPSHOT.jar}. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
