package fr.pacte.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.Eligibility;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.api.SelectionCriterion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading and checking an {@link ActionTypeDescriptor} in an action type's unit tests. */
public final class ActionTypeAssertions {

  private ActionTypeAssertions() {
  }

  /** The participation fields by code, in the descriptor's order. */
  public static Map<String, ParticipationField> fields(ActionTypeDescriptor descriptor) {
    return descriptor.participationFields().stream()
        .collect(Collectors.toMap(ParticipationField::code, f -> f, (a, b) -> a, LinkedHashMap::new));
  }

  /** The French options of one participation field. */
  public static List<String> options(ActionTypeDescriptor descriptor, String field) {
    ParticipationField found = fields(descriptor).get(field);
    assertTrue(found != null, "no participation field " + field);
    return found.options().stream().map(LocalizedText::fr).collect(Collectors.toList());
  }

  /** The French labels of the indicators, in order. */
  public static List<String> indicatorLabels(ActionTypeDescriptor descriptor) {
    return descriptor.indicators().stream().map(i -> i.label().fr()).collect(Collectors.toList());
  }

  /** The French labels of the selection criteria, in order. */
  public static List<String> criterionLabels(ActionTypeDescriptor descriptor) {
    return descriptor.selectionCriteria().stream().map(c -> c.label().fr()).collect(Collectors.toList());
  }

  /**
   * Only RSA recipients may enter, as the call states it (§II.B): no quota, not open to other people eligible to the
   * IAE, and the published statement.
   */
  public static void assertRsaOnly(ActionTypeDescriptor descriptor) {
    Eligibility eligibility = descriptor.eligibility();
    assertEquals(Eligibility.Kind.RSA_ONLY, eligibility.kind());
    assertNull(eligibility.rsaQuotaPercent(), "no RSA quota");
    assertTrue(eligibility.admits(true, false), "RSA recipients enter");
    assertFalse(eligibility.admits(false, true), "not open to other IAE-eligible people");
    assertEquals("Seuls les bénéficiaires du RSA sont éligibles", eligibility.statement().fr());
  }

  /** Codes of fields, indicators and criteria are unique, and every indicator has a unit. */
  public static void assertCodesUniqueAndUnitsGiven(ActionTypeDescriptor descriptor) {
    assertUnique(descriptor.participationFields(), ParticipationField::code);
    assertUnique(descriptor.indicators(), IndicatorDefinition::code);
    assertUnique(descriptor.selectionCriteria(), SelectionCriterion::code);
    descriptor.indicators().forEach(i -> assertTrue(i.unit() != null && !i.unit().isBlank(), i.code()));
  }

  /** The codes of the items are all different. */
  public static <T> void assertUnique(List<T> items, Function<T, String> code) {
    assertEquals(items.size(), new HashSet<>(items.stream().map(code).collect(Collectors.toList())).size(),
        "duplicate codes in " + items.stream().map(code).collect(Collectors.toList()));
  }

  /**
   * Every label shown to people has its own English: the label, target public, eligibility, rhythm, renewal condition
   * (when there is one), participation fields and their options, indicators and criteria.
   */
  public static void assertEnglishWritten(ActionTypeDescriptor descriptor) {
    List<LocalizedText> texts = new ArrayList<>(List.of(descriptor.label(), descriptor.targetPublic(),
        descriptor.eligibility().statement()));
    // The API allows an action type without a rhythm (e.g. places booked as needed).
    if (descriptor.rhythm() != null) {
      texts.add(descriptor.rhythm());
    }
    if (descriptor.renewal().condition() != null) {
      texts.add(descriptor.renewal().condition());
    }
    descriptor.participationFields().forEach(f -> {
      texts.add(f.label());
      texts.addAll(f.options());
    });
    descriptor.indicators().forEach(i -> texts.add(i.label()));
    descriptor.selectionCriteria().forEach(c -> texts.add(c.label()));
    texts.forEach(text -> assertNotEquals(text.fr(), text.en(), "English missing for: " + text.fr()));
  }
}
