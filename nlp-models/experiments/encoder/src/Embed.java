import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.helpline.nlp.train.RealData;
import java.io.*; import java.nio.file.*; import java.util.*;
/** Embeds every text of at most 280 characters of every source and split once: source, split, text and 384 floats. */
public class Embed {
  public static void main(String[] a) throws Exception {
    RealData d = RealData.load(Path.of(a[0]));
    var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    long t0 = System.nanoTime(); int n = 0;
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[1])))) {
      for (var s : RealData.SOURCES) for (var sp : RealData.Split.values()) for (var x : d.samples(s, sp)) {
        String t = x.text(); if (t.length() > 280 || t.isBlank()) continue;
        float[] v; try { v = model.embed(t).content().vector(); } catch (IllegalArgumentException e) { continue; }
        out.writeUTF(s.name()); out.writeUTF(sp.name()); out.writeUTF(t);
        for (float f : v) out.writeFloat(f);
        if (++n % 5000 == 0) System.err.printf("%d %.1f ms/text%n", n, (System.nanoTime()-t0)/1e6/n);
      }
    }
    System.err.printf("done %d %.2f ms/text%n", n, (System.nanoTime()-t0)/1e6/n);
  }
}
