package dev.smsinbox.browser;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;

/**
 * Where the keyboard is, seen: Tab goes through every control of a screen (until it comes round to
 * the first again) and each focused control must show a ring (an outline at least 2px wide) whose
 * colour stands out at 3:1 or more against the background it is drawn on (WCAG 2.4.7 and 1.4.11).
 * axe-core does not check focus indicators; this does, the way a sighted keyboard user meets them.
 *
 * <p>A control drawn by a sibling (the visually hidden checkbox of a switch) is judged by the ring
 * on that sibling.
 */
final class FocusRing {

  /** Safety net: no screen of the inbox has this many stops. */
  static final int MAX_STOPS = 150;

  static final double MINIMUM = 3.0;

  private static final String MEASURE =
      """
      () => {
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return { kind: 'body' };
        window.__focusSeen = window.__focusSeen || new WeakSet();
        // A date-and-time field takes one Tab per part (day, month, year, hours…): still one control.
        if (el === window.__focusLast) return { kind: 'same' };
        window.__focusLast = el;
        if (window.__focusSeen.has(el)) return { kind: 'again' };
        window.__focusSeen.add(el);
        const parse = (c) => {
          const m = /rgba?\\(([^)]+)\\)/.exec(c || '');
          if (!m) return null;
          const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
          return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
        };
        const blend = (fg, bg) => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
        const backgroundOf = (node) => {
          const layers = [];
          for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
            const c = parse(getComputedStyle(n).backgroundColor);
            if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
          }
          let out = [255, 255, 255];
          for (let i = layers.length - 1; i >= 0; i--) out = blend(layers[i], out);
          return out;
        };
        const lum = (rgb) => {
          const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
        };
        const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
        const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
          + (e.dataset.testid ? '[data-testid=' + e.dataset.testid + ']' : '')
          + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
        const ring = (e) => {
          const cs = getComputedStyle(e);
          const width = parseFloat(cs.outlineWidth) || 0;
          const color = parse(cs.outlineColor);
          if (cs.outlineStyle === 'none' || width < 2 || !color || color[3] === 0) return null;
          const around = parseFloat(cs.outlineOffset) >= 0 ? backgroundOf(e.parentElement || e) : backgroundOf(e);
          return { width, ratio: ratio(blend(color, around), around) };
        };
        let found = ring(el);
        if (!found && parseFloat(getComputedStyle(el).opacity) === 0 && el.nextElementSibling) {
          found = ring(el.nextElementSibling);
        }
        return { kind: 'control', name: describe(el), width: found ? found.width : 0, ratio: found ? found.ratio : 0 };
      }
      """;

  private FocusRing() {}

  /**
   * Tabs through the screen from where the focus is now and fails, naming every control, when one
   * shows no ring or a ring under 3:1. Returns how many controls it reached.
   */
  static int assertVisibleOnEveryStop(Page page, String screen) {
    page.evaluate("() => { window.__focusSeen = new WeakSet(); window.__focusLast = null; }");
    List<String> faint = new ArrayList<>();
    int controls = 0;
    int bodies = 0;
    for (int stop = 0; stop < MAX_STOPS; stop++) {
      page.keyboard().press("Tab");
      @SuppressWarnings("unchecked")
      Map<String, Object> seen = (Map<String, Object>) page.evaluate(MEASURE);
      String kind = (String) seen.get("kind");
      if ("again".equals(kind) || ("body".equals(kind) && ++bodies > 1)) {
        break;
      }
      if (!"control".equals(kind)) {
        continue;
      }
      controls++;
      double ratio = ((Number) seen.get("ratio")).doubleValue();
      if (ratio < MINIMUM) {
        faint.add(
            String.format(
                "%s: %s",
                seen.get("name"),
                ratio == 0
                    ? "no focus ring"
                    : String.format("ring %.2f:1 (at least %.1f:1 is needed)", ratio, MINIMUM)));
      }
    }
    Assertions.assertThat(controls).as("controls Tab reached on " + screen).isPositive();
    Assertions.assertThat(faint)
        .as("controls whose focus is hard to see on " + screen + " (of " + controls + ")")
        .isEmpty();
    return controls;
  }
}
