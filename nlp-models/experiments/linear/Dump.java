import org.helpline.nlp.train.RealData;
import org.helpline.nlp.TextNormaliser;
import java.nio.file.*;
import java.io.*;
/** Writes every real sample with its split (RealData): source, split, text, normalised text. */
public class Dump {
  public static void main(String[] a) throws Exception {
    RealData d = RealData.load(Path.of(a[0]));
    try (PrintWriter w = new PrintWriter(new OutputStreamWriter(new FileOutputStream(a[1]), "UTF-8"))) {
      for (RealData.Source s : RealData.SOURCES) for (RealData.Sample x : d.samples(s)) {
        w.println(s.name()+"\t"+x.split()+"\t"+x.text().replaceAll("[\\t\\r\\n]+"," ")+"\t"+TextNormaliser.normalise(x.text()).replaceAll("[\\t\\r\\n]+"," "));
      }
    }
  }
}
