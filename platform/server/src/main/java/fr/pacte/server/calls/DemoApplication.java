package fr.pacte.server.calls;

import com.lowagie.text.Document;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import fr.pacte.api.Role;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.organisations.DocumentUpload;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.organisations.VaultDocument;
import fr.pacte.server.requests.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The demonstration application of the embedded default: the Somme's demonstration association answers two lots
 * of the call 2026-2028, as its account would have on 20 August 2025, through the same services as the pages (vault
 * uploads, then the application). It stays a draft: the demonstration organisation has no SIRET, which nothing
 * invents, so it cannot be submitted complete.
 */
final class DemoApplication {

  static final String TENANT = "somme";
  static final String CALL_CODE = "aap-insertion-2026-2028";
  /** When the demonstration account answered: two days before the deadline, Paris time. */
  static final LocalDateTime ANSWERED = LocalDateTime.of(2025, 8, 20, 10, 0);

  private final CallService calls;
  private final ApplicationService applications;
  private final OrganisationService organisations;

  DemoApplication(CallService calls, ApplicationService applications, OrganisationService organisations) {
    this.calls = calls;
    this.applications = applications;
    this.organisations = organisations;
  }

  /** Creates the demonstration application if the Somme has its call and no application from the association yet. */
  Future<Boolean> ensure(ZoneId zone) {
    Principal association = new Principal("demo-association", "association", "Association opératrice (démo)", TENANT,
        Set.of(Role.OPERATOR), Scope.organisation(OrganisationService.DEMO_ORGANISATION));
    Clock then = Clock.fixed(ANSWERED.atZone(zone).toInstant(), zone);
    RequestContext context = new RequestContext(TENANT, association, association.scope(), association.actor(), null, then, zone);
    return calls.list(TENANT).compose(list -> {
      CallForProjects call = list.stream().filter(c -> CALL_CODE.equals(c.code())).findFirst().orElse(null);
      if (call == null || call.content().lots().size() < 2) {
        return Future.succeededFuture(false);
      }
      return applications.ofOrganisation(context, call.id()).compose(existing -> existing.isPresent()
          ? Future.succeededFuture(false)
          : vault(context).compose(documents -> applications.create(context, call.id(), body(call, documents)).map(true)));
    });
  }

  private Future<List<VaultDocument>> vault(RequestContext context) {
    String organisation = OrganisationService.DEMO_ORGANISATION;
    List<String[]> files = List.of(
        new String[] {"rib", "", "rib.pdf"}, new String[] {"rapport-activite", "", "rapport-activite-2024.pdf"},
        new String[] {"composition-gouvernance", "", "conseil-administration.pdf"},
        new String[] {"cv", "Claire Martin, conseillère mobilité", "cv-claire-martin.pdf"},
        new String[] {"fiche-synthetique", "Plateforme mobilité solidaire", "fiche-mobilite.pdf"},
        new String[] {"modelisation", "Plateforme mobilité solidaire", "modelisation-mobilite.pdf"},
        new String[] {"fiche-synthetique", "Remobilisation sociale", "fiche-remobilisation.pdf"},
        new String[] {"modelisation", "Remobilisation sociale", "programme-ateliers.pdf"});
    Future<List<VaultDocument>> chain = Future.succeededFuture(new ArrayList<>());
    for (String[] file : files) {
      chain = chain.compose(done -> organisations.upload(context, organisation,
          DocumentUpload.check(file[0], file[1], null, file[2], pdf(file[1].isEmpty() ? file[2] : file[1])))
          .map(document -> {
            done.add(document);
            return done;
          }));
    }
    return chain;
  }

  private static JsonObject body(CallForProjects call, List<VaultDocument> documents) {
    CallForProjects.Lot mobility = call.content().lots().get(0);
    CallForProjects.Lot second = call.content().lots().size() > 3 ? call.content().lots().get(3) : call.content().lots().get(1);
    JsonArray general = new JsonArray();
    documents.stream().filter(d -> List.of("rib", "rapport-activite", "composition-gouvernance", "cv").contains(d.kind().code()))
        .forEach(d -> general.add(d.id().toString()));
    return new JsonObject()
        .put("general", new JsonObject()
            .put("identification", new JsonObject().put("name", "Association de démonstration")
                .put("address", "Amiens").put("email", "contact@association-demo.invalid").put("phone", "03 22 00 00 00"))
            .put("legalRepresentative", new JsonObject().put("name", "Présidence de l'association (démonstration)")
                .put("role", "Président"))
            .put("fileContact", new JsonObject().put("name", "Claire Martin").put("role", "Directrice")
                .put("email", "claire.martin@association-demo.invalid").put("phone", "03 22 00 00 01"))
            .put("administrative", new JsonObject().put("legalForm", "Association loi 1901").put("creationDate", "2004-03-15"))
            .put("humanResources", new JsonObject().put("employees", 12).put("fullTimeEquivalents", "9.5")
                .put("volunteers", 25).put("description", "Conseillers en insertion professionnelle, moniteur d'auto-école "
                    + "solidaire, psychologue à temps partiel."))
            .put("experience", new JsonObject().put("description", "Vingt ans d'accompagnement de personnes allocataires "
                + "du RSA et de demandeurs d'emploi de longue durée sur le territoire d'Amiens."))
            .put("yearlyBudget", new JsonObject().put("year", 2025).put("totalCents", 68_000_000L)
                .put("publicFundingCents", 51_000_000L)))
        .put("attachments", general)
        .put("projects", new JsonArray()
            .add(project(mobility, documents, "Plateforme mobilité solidaire", 40, 6_000_000L, 2_500_000L, 8_500_000L))
            .add(project(second, documents, "Remobilisation sociale", 12, 3_000_000L, 600_000L, 3_600_000L)));
  }

  /**
   * A project on Amiens for three years: the same yearly budget, {@code indirect} of it indirect costs (above the
   * cap for the first project: 25 %), co-funded by the Région for the rest of the total.
   */
  private static JsonObject project(CallForProjects.Lot lot, List<VaultDocument> documents, String label, int target,
                                    long staff, long indirect, long asked) {
    JsonArray objectives = new JsonArray();
    JsonArray budget = new JsonArray();
    for (int year = 1; year <= 3; year++) {
      objectives.add(new JsonObject().put("territory", "amiens").put("year", year).put("target", target));
      long total = staff + indirect;
      JsonArray cofunding = total > asked ? new JsonArray().add(new JsonObject().put("funder", "Région Hauts-de-France")
          .put("amountCents", total - asked).put("status", "requested")) : new JsonArray();
      budget.add(new JsonObject().put("year", year)
          .put("direct", new JsonObject().put("staffCents", staff))
          .put("indirect", new JsonObject().put("rentCents", indirect / 2).put("supportCents", indirect - indirect / 2))
          .put("cofunding", cofunding)
          .put("requestedCents", Math.min(asked, total)));
    }
    JsonArray attachments = new JsonArray();
    documents.stream().filter(d -> d.label().equals(label)).forEach(d -> attachments.add(d.id().toString()));
    return new JsonObject().put("lot", lot.code()).put("title", label + " — Amiens")
        .put("territories", new JsonArray().add("amiens"))
        .put("description", "Projet de démonstration : " + label.toLowerCase() + " pour les allocataires du RSA du "
            + "territoire d'Amiens.")
        .put("objectives", objectives)
        .put("indicators", new JsonArray().add("Nombre de personnes entrées dans l'action").add("Taux de sorties positives"))
        .put("budget", budget)
        .put("attachments", attachments);
  }

  /** A one-page PDF saying what the demonstration document stands for. */
  static byte[] pdf(String title) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document();
    PdfWriter.getInstance(document, out);
    document.open();
    document.add(new Paragraph("Document de démonstration : " + title, FontFactory.getFont(FontFactory.HELVETICA,
        BaseFont.CP1252, 12)));
    document.close();
    return out.toByteArray();
  }
}
