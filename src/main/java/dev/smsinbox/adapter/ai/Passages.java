package dev.smsinbox.adapter.ai;

import dev.smsinbox.domain.GroundingPage;
import java.util.ArrayList;
import java.util.List;

/**
 * A fetched page cut into passages of a sentence or two: small enough to quote in an SMS, large
 * enough to carry a fact with its context. Only FETCHED pages give passages, so nothing from a page
 * the admin did not configure (or that failed) can reach a draft.
 */
final class Passages {

  static final int TARGET = 240;

  record Passage(String url, String text) {}

  private Passages() {}

  static List<Passage> of(List<GroundingPage> pages) {
    List<Passage> passages = new ArrayList<>();
    for (GroundingPage page : pages) {
      if (page.status() == GroundingPage.Status.FETCHED) {
        for (String text : split(page.text())) {
          passages.add(new Passage(page.url(), text));
        }
      }
    }
    return passages;
  }

  static List<String> split(String text) {
    List<String> passages = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      for (String sentence : Sentences.of(line)) {
        if (current.length() > 0 && current.length() + sentence.length() + 1 > TARGET) {
          passages.add(current.toString());
          current.setLength(0);
        }
        if (current.length() > 0) {
          current.append(' ');
        }
        current.append(
            sentence.length() > 2 * TARGET ? Sentences.clip(sentence, 2 * TARGET) : sentence);
      }
      // a heading or list item ends a passage, so it is not glued to unrelated text
      if (current.length() > TARGET / 2) {
        passages.add(current.toString());
        current.setLength(0);
      }
    }
    if (current.length() > 0) {
      passages.add(current.toString());
    }
    return passages;
  }
}
