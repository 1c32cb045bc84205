package fr.pacte.server.calls;

import fr.pacte.api.Role;
import fr.pacte.server.documents.PdfDocument;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.organisations.DocumentUpload;
import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.requests.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The whole chain of the Somme's call 2026-2028 on the embedded default, made through the services the pages and the
 * API call, each step at its own date (a fixed clock, before the deadline of 22 August 2025 for the applicants):
 * three demonstration organisations answer (two of them in a groupement with the demonstration association), upload
 * their parts into their vaults and submit; the programme manager confirms admissibility and asks a question, which
 * is answered; two reviewers score every project on its lot's grid; a consolidated score is agreed; the selection is
 * proposed and the commission permanente decides on 8 December 2025, which writes the acceptance and refusal letters.
 * The five selected projects, one per lot, become the demonstration conventions. Every name and reference says
 * « démonstration »; the SIRET numbers begin with 000, which INSEE never gives.
 */
final class DemoInstruction {

  static final String TENANT = DemoApplication.TENANT;
  static final String CALL_CODE = DemoApplication.CALL_CODE;
  static final LocalDate COMMITTEE = LocalDate.of(2025, 12, 8);
  static final String DELIBERATION = "Délibération n° 2025-12-08-DEMO (démonstration)";
  /** Each year of a selected project: staff, indirect costs, FSE+ obtained, the commune's share asked, the Département's. */
  static final long STAFF = 6_000_000L;
  static final long INDIRECT = 1_200_000L;
  static final long FSE = 1_200_000L;
  static final long COMMUNE = 600_000L;
  static final long ASKED = 5_400_000L;

  /** A demonstration organisation: id, name, SIRET, city, the lots it answers, whether in a groupement. */
  record Applicant(String id, String name, String siret, String city, List<String> lots, boolean groupement) {
  }

  static final List<Applicant> APPLICANTS = List.of(
      new Applicant("demo-parcours-somme", "Parcours Somme Insertion (démonstration)", "00000000100018", "Abbeville",
          List.of("plateforme-mobilite", "equilibre-emotionnel-psychologique", "preparation-entree-iae"), true),
      new Applicant("demo-chantiers-avenir", "Chantiers d'avenir (démonstration)", "00000000200016", "Péronne",
          List.of("remobilisation-sociale", "preparation-emploi"), true),
      new Applicant("demo-initiatives-solidaires", "Initiatives solidaires (démonstration)", "00000000300014", "Amiens",
          List.of("plateforme-mobilite"), false));

  private final io.vertx.core.Vertx vertx;
  private final CallService calls;
  private final ApplicationService applications;
  private final InstructionService instruction;
  private final OrganisationService organisations;

  DemoInstruction(io.vertx.core.Vertx vertx, CallService calls, ApplicationService applications,
                  InstructionService instruction, OrganisationService organisations) {
    this.vertx = vertx;
    this.calls = calls;
    this.applications = applications;
    this.instruction = instruction;
    this.organisations = organisations;
  }

  private static RequestContext at(Principal who, LocalDateTime when, ZoneId zone) {
    Clock clock = Clock.fixed(when.atZone(zone).toInstant(), zone);
    return new RequestContext(TENANT, who, who.scope(), who.actor(), null, clock, zone);
  }

  static Principal pilot() {
    return new Principal("demo-pilotage", "pilotage", "Chargée du pilotage de l'offre (démo)", TENANT,
        Set.of(Role.PROGRAMME_MANAGER), Scope.wholeTenant());
  }

  static Principal reviewer() {
    return new Principal("demo-instructeur", "instructeur", "Instructeur (démo)", TENANT, Set.of(Role.REVIEWER),
        Scope.wholeTenant());
  }

  static Principal operator(Applicant applicant) {
    return new Principal("demo-" + applicant.id(), applicant.id(), applicant.name(), TENANT, Set.of(Role.OPERATOR),
        Scope.organisation(applicant.id()));
  }

  /** Runs the chain if the Somme has its call and the call has no decision yet; true when it ran. */
  Future<Boolean> ensure(ZoneId zone) {
    return calls.list(TENANT).compose(list -> {
      CallForProjects call = list.stream().filter(c -> CALL_CODE.equals(c.code())).findFirst().orElse(null);
      if (call == null || call.content().lots().size() < 5) {
        return Future.succeededFuture(false);
      }
      return instruction.standing(at(pilot(), LocalDateTime.of(2025, 8, 19, 9, 0), zone), call.id())
          .compose(standing -> standing.decision().isPresent() || !standing.applications().isEmpty()
              ? Future.succeededFuture(false)
              : chain(call, zone).map(true));
    });
  }

  private Future<Void> chain(CallForProjects call, ZoneId zone) {
    Map<String, UUID> ids = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Applicant applicant : APPLICANTS) {
      chain = chain.compose(done -> answer(call, applicant, zone).map(id -> {
        ids.put(applicant.id(), id);
        return null;
      }));
    }
    return chain.compose(done -> instruct(call, ids, zone));
  }

  /** The organisation, its parts in the vault, its application saved on 20 August and submitted on 21 August. */
  private Future<UUID> answer(CallForProjects call, Applicant applicant, ZoneId zone) {
    Principal operator = operator(applicant);
    RequestContext uploading = at(operator, LocalDateTime.of(2025, 8, 19, 11, 0), zone);
    Organisation organisation = new Organisation(applicant.id(), "operator", applicant.name(), null, null,
        "Association loi 1901", new Organisation.Address("1 rue de la Démonstration", "80000", applicant.city()),
        new Organisation.Person("Présidence (démonstration)", "Président"),
        List.of(new Organisation.Contact("Direction (démonstration)", "Directrice", "contact@" + applicant.id() + ".invalid",
            "03 22 00 00 10")), List.of(), 0, null);
    List<String[]> parts = new ArrayList<>(List.of(new String[] {"rib", ""}, new String[] {"rapport-activite", ""},
        new String[] {"composition-gouvernance", ""}, new String[] {"cv", "Camille Durand"}));
    for (String lot : applicant.lots()) {
      String title = lot(call, lot).title();
      parts.add(new String[] {"fiche-synthetique", title});
      parts.add(new String[] {"modelisation", title});
    }
    Map<String, UUID> vault = new LinkedHashMap<>();
    Future<Void> uploads = organisations.create(at(pilot(), LocalDateTime.of(2025, 8, 18, 9, 0), zone), organisation).mapEmpty();
    for (String[] part : parts) {
      // Writing a PDF (fonts loaded at first use) and checking it are slow work: off the event loop.
      uploads = uploads.compose(done -> vertx.executeBlocking(() -> DocumentUpload.check(part[0], part[1], null,
              part[0] + ".pdf", pdf(applicant, part)), false))
          .compose(upload -> organisations.upload(uploading, applicant.id(), upload))
          .map(document -> {
            vault.put(part[0] + ":" + part[1], document.id());
            return (Void) null;
          });
    }
    RequestContext answering = at(operator, LocalDateTime.of(2025, 8, 20, 14, 0), zone);
    RequestContext submitting = at(operator, LocalDateTime.of(2025, 8, 21, 16, 30), zone);
    return uploads.compose(done -> applications.create(answering, call.id(), body(call, applicant, vault)))
        .compose(created -> applications.submit(submitting, created.id(), created.version()))
        .map(Application::id);
  }

  private static byte[] pdf(Applicant applicant, String[] part) {
    return PdfDocument.titled(part[0].replace('-', ' ') + (part[1].isEmpty() ? "" : " — " + part[1]), applicant.name())
        .paragraph("Document de démonstration déposé dans le coffre-fort de l'organisation.").toBytes();
  }

  static CallForProjects.Lot lot(CallForProjects call, String code) {
    return call.content().lots().stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
  }

  private static JsonObject body(CallForProjects call, Applicant applicant, Map<String, UUID> vault) {
    JsonArray projects = new JsonArray();
    for (String code : applicant.lots()) {
      CallForProjects.Lot lot = lot(call, code);
      JsonArray attachments = new JsonArray().add(vault.get("fiche-synthetique:" + lot.title()).toString())
          .add(vault.get("modelisation:" + lot.title()).toString());
      projects.add(project(lot, applicant, attachments));
    }
    JsonObject body = new JsonObject()
        .put("general", new JsonObject()
            .put("identification", new JsonObject().put("name", applicant.name()).put("siret", applicant.siret())
                .put("address", "1 rue de la Démonstration, 80000 " + applicant.city())
                .put("email", "contact@" + applicant.id() + ".invalid").put("phone", "03 22 00 00 10"))
            .put("legalRepresentative", new JsonObject().put("name", "Présidence (démonstration)").put("role", "Président"))
            .put("fileContact", new JsonObject().put("name", "Direction (démonstration)").put("role", "Directrice")
                .put("email", "contact@" + applicant.id() + ".invalid").put("phone", "03 22 00 00 10"))
            .put("administrative", new JsonObject().put("legalForm", "Association loi 1901").put("creationDate", "1998-09-01"))
            .put("humanResources", new JsonObject().put("employees", 18).put("fullTimeEquivalents", "14.5")
                .put("volunteers", 10).put("description", "Conseillers en insertion, psychologue, encadrants techniques."))
            .put("experience", new JsonObject().put("description", "Plus de vingt ans d'accompagnement des allocataires du "
                + "RSA dans la Somme (démonstration)."))
            .put("yearlyBudget", new JsonObject().put("year", 2025).put("totalCents", 120_000_000L)
                .put("publicFundingCents", 90_000_000L)))
        .put("attachments", new JsonArray().add(vault.get("rib:").toString()).add(vault.get("rapport-activite:").toString())
            .add(vault.get("composition-gouvernance:").toString()).add(vault.get("cv:Camille Durand").toString()))
        .put("projects", projects);
    if (applicant.groupement()) {
      body.put("members", new JsonArray().add(OrganisationService.DEMO_ORGANISATION));
    }
    return body;
  }

  /**
   * A project on the first two territories of the lot's needs, as many people (or workshops) as the need each year;
   * each year 60 000 € of staff and 12 000 € of indirect costs, with 12 000 € of FSE+ obtained and 6 000 € asked from
   * the commune, 54 000 € asked from the Département.
   */
  private static JsonObject project(CallForProjects.Lot lot, Applicant applicant, JsonArray attachments) {
    List<CallForProjects.Need> needs = lot.needs().stream().filter(n -> n.target() > 0).limit(2).toList();
    JsonArray objectives = new JsonArray();
    JsonArray budget = new JsonArray();
    for (int year = 1; year <= 3; year++) {
      for (CallForProjects.Need need : needs) {
        objectives.add(new JsonObject().put("territory", need.territory()).put("year", year).put("target", need.target()));
      }
      budget.add(new JsonObject().put("year", year)
          .put("direct", new JsonObject().put("staffCents", STAFF))
          .put("indirect", new JsonObject().put("rentCents", INDIRECT / 2).put("supportCents", INDIRECT - INDIRECT / 2))
          .put("cofunding", new JsonArray()
              .add(new JsonObject().put("funder", "FSE+ (démonstration)").put("amountCents", FSE).put("status", "obtained"))
              .add(new JsonObject().put("funder", "Communauté de communes (démonstration)").put("amountCents", COMMUNE)
                  .put("status", "requested")))
          .put("requestedCents", ASKED));
    }
    return new JsonObject().put("lot", lot.code()).put("title", lot.title() + " — " + applicant.name())
        .put("territories", new JsonArray(needs.stream().map(CallForProjects.Need::territory).toList()))
        .put("description", "Projet de démonstration : " + lot.title().toLowerCase() + " pour les allocataires du RSA, "
            + "porté par " + applicant.name() + ".")
        .put("objectives", objectives)
        .put("indicators", new JsonArray().add("Nombre de personnes entrées dans l'action").add("Taux de sorties positives"))
        .put("attachments", attachments)
        .put("budget", budget);
  }

  /** Admissibility, a question and its answer, two reviewers on every project, a score agreed, the proposal and the decision. */
  private Future<Void> instruct(CallForProjects call, Map<String, UUID> ids, ZoneId zone) {
    Principal pilot = pilot();
    Future<Void> chain = Future.succeededFuture();
    for (UUID id : ids.values()) {
      chain = chain.compose(done -> instruction.decideAdmissibility(at(pilot, LocalDateTime.of(2025, 9, 3, 10, 0), zone), id,
          true, "", null).mapEmpty());
    }
    Applicant first = APPLICANTS.get(0);
    UUID asked = ids.get(first.id());
    chain = chain
        .compose(done -> instruction.post(at(pilot, LocalDateTime.of(2025, 9, 4, 9, 30), zone), asked,
            "Pouvez-vous préciser les permanences prévues à Cinq Vallées (lieux et jours) ?", LocalDate.of(2025, 9, 15), List.of()))
        .compose(done -> instruction.post(at(operator(first), LocalDateTime.of(2025, 9, 8, 17, 0), zone), asked,
            "Deux permanences par semaine : le mardi à Doullens et le jeudi à Flixecourt, dans les locaux des centres sociaux.",
            null, List.of()))
        .mapEmpty();
    for (Applicant applicant : APPLICANTS) {
      UUID id = ids.get(applicant.id());
      for (String lot : applicant.lots()) {
        boolean weaker = !applicant.groupement();
        chain = chain
            .compose(done -> instruction.assign(at(pilot, LocalDateTime.of(2025, 9, 10, 9, 0), zone), id, lot,
                List.of("instructeur", "pilotage")).mapEmpty())
            .compose(done -> score(call, id, lot, reviewer(), weaker ? 1 : 0, LocalDateTime.of(2025, 9, 22, 15, 0), zone))
            .compose(done -> score(call, id, lot, pilot, weaker ? 2 : 0, LocalDateTime.of(2025, 9, 24, 11, 0), zone));
      }
    }
    UUID weaker = ids.get(APPLICANTS.get(2).id());
    chain = chain.compose(done -> instruction.reviews(at(pilot, LocalDateTime.of(2025, 10, 1, 10, 0), zone), weaker))
        .compose(reviews -> {
          InstructionService.ProjectReviews project = reviews.projects().get(0);
          BigDecimal points = project.consolidation().meanPoints().setScale(0, java.math.RoundingMode.DOWN);
          return instruction.agree(at(pilot, LocalDateTime.of(2025, 10, 1, 10, 0), zone), weaker, "plateforme-mobilite",
              points, "Après discussion en comité technique : l'ancrage territorial reste à construire.").mapEmpty();
        });
    return chain
        .compose(done -> instruction.standing(at(pilot, LocalDateTime.of(2025, 11, 14, 10, 0), zone), call.id()))
        .compose(standing -> {
          List<SelectionProposal.Choice> choices = standing.projects().stream().map(p -> new SelectionProposal.Choice(
              p.application(), p.lot(), !p.application().equals(weaker), null)).toList();
          return instruction.propose(at(pilot, LocalDateTime.of(2025, 11, 14, 10, 0), zone), call.id(), choices, null, null);
        })
        .compose(proposed -> instruction.decide(at(pilot, LocalDateTime.of(2025, 12, 8, 16, 0), zone), call.id(),
            "Commission permanente", COMMITTEE, DELIBERATION, null))
        .mapEmpty();
  }

  /**
   * One reviewer's sheet, submitted: every criterion of the lot's grid at its top level less {@code below} (never
   * under the bottom of its scale), justified.
   */
  private Future<Void> score(CallForProjects call, UUID id, String lot, Principal who, int below, LocalDateTime when,
                             ZoneId zone) {
    SelectionGrid grid = SelectionGrid.of(call, lot(call, lot).actionType());
    Map<String, SelectionGrid.Mark> sheet = new LinkedHashMap<>();
    for (CallForProjects.Criterion criterion : grid.criteria()) {
      List<Integer> levels = criterion.scale().stream().map(CallForProjects.Level::score).sorted().toList();
      int score = levels.get(Math.max(0, levels.size() - 1 - below));
      sheet.put(SelectionGrid.key(criterion), new SelectionGrid.Mark(score, below == 0
          ? "Conforme aux attendus de l'appel, argumenté et chiffré."
          : "Partiellement démontré dans la candidature ; à préciser."));
    }
    return instruction.score(at(who, when, zone), id, lot, sheet, true, null).mapEmpty();
  }
}
