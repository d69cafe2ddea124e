package dev.smsinbox.adapter.ai;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.logging.Logger;

/**
 * The in-process all-MiniLM-L6-v2 sentence embedding model, loaded on first use and then shared:
 * loading takes a second or two and some 100 MB, so it happens once, never per request. The model
 * ships inside its jar; the tokenizer unpacks a native library under the user's home (it needs a
 * writable HOME).
 */
final class MiniLm {

  private static final Logger LOG = Logger.getLogger(MiniLm.class.getName());
  private static volatile EmbeddingModel model;

  private MiniLm() {}

  static EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (MiniLm.class) {
        loaded = model;
        if (loaded == null) {
          long start = System.nanoTime();
          loaded = new AllMiniLmL6V2EmbeddingModel();
          loaded.embed("warm up");
          model = loaded;
          long ms = (System.nanoTime() - start) / 1_000_000;
          LOG.info(() -> "Embedding model all-MiniLM-L6-v2 loaded in " + ms + " ms");
        }
      }
    }
    return loaded;
  }
}
