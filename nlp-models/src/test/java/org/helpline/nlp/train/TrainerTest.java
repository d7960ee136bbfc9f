package org.helpline.nlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

import org.helpline.nlp.TextNormaliser;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final List<Corpus.Example> SMALL = List.of(
            new Corpus.Example("high", "i want to die", "t:1"),
            new Corpus.Example("high", "i keep cutting myself", "t:2"),
            new Corpus.Example("none", "this game is killing me lol", "t:3"),
            new Corpus.Example("none", "what time is it", "t:4"),
            new Corpus.Example("low", "i feel so lonely", "t:5"));

    @Test
    void trainingIsDeterministic() throws Exception {
        DoccatModel a = Trainer.train("en", SMALL);
        DoccatModel b = Trainer.train("en", SMALL);
        for (String text : List.of("i want to die", "lol", "so lonely and sad", "cutting")) {
            String[] tokens = TextNormaliser.normalisedTokens(text);
            assertArrayEquals(new DocumentCategorizerME(a).categorize(tokens),
                    new DocumentCategorizerME(b).categorize(tokens), 0.0);
        }
    }

    @Test
    void customFeatureGeneratorsSurviveSerialisation() throws Exception {
        DoccatModel model = Trainer.train("en", SMALL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.serialize(bytes);
        DoccatModel loaded = new DoccatModel(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(Trainer.featureGenerators().length, loaded.getFactory().getFeatureGenerators().length);
        String[] tokens = TextNormaliser.normalisedTokens("i want to dye");
        assertArrayEquals(new DocumentCategorizerME(model).categorize(tokens),
                new DocumentCategorizerME(loaded).categorize(tokens), 1e-12);
    }
}
