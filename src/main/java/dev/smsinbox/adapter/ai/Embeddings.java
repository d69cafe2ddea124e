package dev.smsinbox.adapter.ai;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sentence vectors, with the admin's material (FAQ, page passages) cached by its text: it changes
 * only when settings are saved, so a draft embeds just the customer's sentences.
 */
final class Embeddings {

  private static final int MAX_CACHED = 20_000;

  private final Supplier<EmbeddingModel> model;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  Embeddings(Supplier<EmbeddingModel> model) {
    this.model = model;
  }

  /** The vector of a text from the admin's material, cached. */
  float[] material(String text) {
    float[] vector = cache.get(text);
    if (vector == null) {
      vector = fresh(text);
      remember(text, vector);
    }
    return vector;
  }

  /** Embeds what is not cached yet in one batch (faster than one by one). */
  void prepare(List<String> texts) {
    List<String> missing = texts.stream().distinct().filter(t -> !cache.containsKey(t)).toList();
    if (missing.isEmpty()) {
      return;
    }
    var vectors = model.get().embedAll(missing.stream().map(TextSegment::from).toList()).content();
    for (int i = 0; i < missing.size(); i++) {
      remember(missing.get(i), vectors.get(i).vector());
    }
  }

  /** The vector of a one-off text (a customer's sentence), not cached. */
  float[] fresh(String text) {
    return model.get().embed(text).content().vector();
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  private void remember(String text, float[] vector) {
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // old settings' material; what is current is re-embedded on next use
    }
    cache.put(text, vector);
  }
}
