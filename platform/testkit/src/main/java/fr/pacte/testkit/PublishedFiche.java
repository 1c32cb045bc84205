package fr.pacte.testkit;

import fr.pacte.api.FollowUpMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A fiche action as published, for {@link SeedFicheContract}: the published text that holds it (a call for projects,
 * a PDI/PTI…), the fiche's title and the headings of its sections as they are written there, and the selection
 * criteria and attachments that come with it.
 *
 * <p>Headings are lines of their own in capitals ("OBJECTIFS DE L'ACTION"); a section runs from its heading to the
 * next line in capitals. A heading left null is a section the fiche does not have: it is not checked. The criteria
 * and attachments are those the call gives for this kind of action, or, for a fiche published in no call, those
 * the fiche itself states (often none: {@code List.of()}).
 *
 * <pre>{@code
 * PublishedFiche.of(PublishedFiche.resource(MyTest.class, "/pdi-somme-2022-2026.txt"), "FACILITER L'ACCES AUX MODES DE GARDE")
 *     .publicUnder("PUBLIC CIBLE").outcomesUnder("RESULTATS ATTENDUS").indicatorsUnder("INDICATEURS")
 * }</pre>
 *
 * @param text              the whole published text
 * @param title             the fiche's title, a line of its own in the text
 * @param publicHeading     heading of the target public
 * @param rhythmHeading     heading of the rhythm and duration
 * @param objectivesHeading heading of the objectives
 * @param modalitiesHeading heading of the modalities
 * @param indicatorsHeading heading of the follow-up indicators
 * @param outcomesHeading   heading of the expected outcomes
 * @param criteria          the selection criteria, as published (empty for a fiche in no call that states none)
 * @param attachments       the attachments asked with an application, as published (empty likewise)
 * @param otherTitles       titles of the other fiches of the same text, where a search for a heading must stop
 */
public record PublishedFiche(String text, String title, String publicHeading, String rhythmHeading,
                             String objectivesHeading, String modalitiesHeading, String indicatorsHeading,
                             String outcomesHeading, List<String> criteria, List<String> attachments,
                             List<String> otherTitles) {

  public PublishedFiche {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(title, "title");
    criteria = List.copyOf(criteria);
    attachments = List.copyOf(attachments);
    otherTitles = List.copyOf(otherTitles);
  }

  /**
   * A fiche of the given text with the headings of the Somme's fiches ("PUBLICS CIBLES ET PREREQUIS", "RYTHME ET
   * DUREE", "OBJECTIFS DE L'ACTION", "MODALITES DE MISE EN OEUVRE", "INDICATEURS DE SUIVI :", "ATTENDUS EN FIN
   * D'ACTION"), no criteria and no attachments; change what differs with the {@code …Under} and {@code with…} methods.
   */
  public static PublishedFiche of(String text, String title) {
    return new PublishedFiche(text, title, "PUBLICS CIBLES ET PREREQUIS", "RYTHME ET DUREE", "OBJECTIFS DE L'ACTION",
        "MODALITES DE MISE EN OEUVRE", "INDICATEURS DE SUIVI :", "ATTENDUS EN FIN D'ACTION", List.of(), List.of(),
        List.of());
  }

  /**
   * A fiche of the Somme call for projects "insertion" 2026-2028 (the test kit's {@link SeedFiche#PUBLISHED_TEXT}),
   * with the criteria and attachments the call gives for its mode.
   */
  public static PublishedFiche somme2026(String title, FollowUpMode mode, String publicHeading, String outcomesHeading)
      throws IOException {
    return of(SeedFiche.text(), title).publicUnder(publicHeading).outcomesUnder(outcomesHeading)
        .withCriteria(SeedFiche.publishedCriteria(mode)).withAttachments(SeedFiche.publishedAttachments(mode))
        .withOtherTitles(SeedFiche.FICHE_TITLES.stream().filter(t -> !t.equals(title)).toList());
  }

  /** A UTF-8 text resource of the class path, e.g. the published text kept beside a plugin's tests. */
  public static String resource(Class<?> anchor, String path) throws IOException {
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("no class-path resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public PublishedFiche publicUnder(String heading) {
    return new PublishedFiche(text, title, heading, rhythmHeading, objectivesHeading, modalitiesHeading,
        indicatorsHeading, outcomesHeading, criteria, attachments, otherTitles);
  }

  public PublishedFiche rhythmUnder(String heading) {
    return new PublishedFiche(text, title, publicHeading, heading, objectivesHeading, modalitiesHeading,
        indicatorsHeading, outcomesHeading, criteria, attachments, otherTitles);
  }

  public PublishedFiche objectivesUnder(String heading) {
    return new PublishedFiche(text, title, publicHeading, rhythmHeading, heading, modalitiesHeading,
        indicatorsHeading, outcomesHeading, criteria, attachments, otherTitles);
  }

  public PublishedFiche modalitiesUnder(String heading) {
    return new PublishedFiche(text, title, publicHeading, rhythmHeading, objectivesHeading, heading,
        indicatorsHeading, outcomesHeading, criteria, attachments, otherTitles);
  }

  public PublishedFiche indicatorsUnder(String heading) {
    return new PublishedFiche(text, title, publicHeading, rhythmHeading, objectivesHeading, modalitiesHeading,
        heading, outcomesHeading, criteria, attachments, otherTitles);
  }

  public PublishedFiche outcomesUnder(String heading) {
    return new PublishedFiche(text, title, publicHeading, rhythmHeading, objectivesHeading, modalitiesHeading,
        indicatorsHeading, heading, criteria, attachments, otherTitles);
  }

  public PublishedFiche withCriteria(List<String> published) {
    return new PublishedFiche(text, title, publicHeading, rhythmHeading, objectivesHeading, modalitiesHeading,
        indicatorsHeading, outcomesHeading, published, attachments, otherTitles);
  }

  public PublishedFiche withAttachments(List<String> published) {
    return new PublishedFiche(text, title, publicHeading, rhythmHeading, objectivesHeading, modalitiesHeading,
        indicatorsHeading, outcomesHeading, criteria, published, otherTitles);
  }

  public PublishedFiche withOtherTitles(List<String> titles) {
    return new PublishedFiche(text, title, publicHeading, rhythmHeading, objectivesHeading, modalitiesHeading,
        indicatorsHeading, outcomesHeading, criteria, attachments, titles);
  }

  /** The lines of the section under a heading of this fiche (see {@link SeedFiche#section(String, String, String, List)}). */
  public List<String> section(String heading) {
    return SeedFiche.section(text, title, heading, otherTitles);
  }
}
