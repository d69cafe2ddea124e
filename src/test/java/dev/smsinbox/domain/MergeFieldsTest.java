package dev.smsinbox.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MergeFieldsTest {

  private static final Contact ADA = new Contact(1, "Ada", null, "+15551234567", "");

  @Test
  void aFieldWithAValueIsFilledAndOneWithoutTakesItsFallback() {
    var e =
        MergeFields.expand(
            "Hi {{contact.firstName|there}} {{ contact.lastName | friend }}, {{admin.name}} at"
                + " {{inbox.number}}",
            MergeFields.values(ADA, "+15550000000", "Bo"));
    assertThat(e.text()).isEqualTo("Hi Ada friend, Bo at +15550000000");
    assertThat(e.missing()).isEmpty();
  }

  @Test
  void aFieldWithNoValueNorFallbackIsMissingAndLeftAsWritten() {
    var e =
        MergeFields.expand(
            "Mail {{contact.email}} or {{contact.email}}", MergeFields.values(ADA, null, "Bo"));
    assertThat(e.missing()).containsExactly("contact.email");
    assertThat(e.text()).isEqualTo("Mail {{contact.email}} or {{contact.email}}");
  }

  @Test
  void anEmptyFallbackIsAChoiceAndAnUnknownFieldIsMissingEvenWithOne() {
    var e =
        MergeFields.expand(
            "Hi{{contact.lastName|}} {{contact.firstname|x}}", MergeFields.values(ADA, null, "Bo"));
    assertThat(e.text()).isEqualTo("Hi {{contact.firstname|x}}");
    assertThat(e.missing()).containsExactly("contact.firstname");
    assertThat(MergeFields.unknown("{{contact.firstname}} {{admin.name}}"))
        .isEqualTo(List.of("contact.firstname"));
  }

  @Test
  void aTextWithoutFieldsAndDollarSignsIsUnchanged() {
    var e = MergeFields.expand("Costs $5 {{admin.name}}", MergeFields.values(null, null, "$x\\"));
    assertThat(e.text()).isEqualTo("Costs $5 $x\\");
  }
}
