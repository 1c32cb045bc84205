package fr.pacte.server.offer;

import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The programme action each demonstration offer item serves, so that the programme indicators computed from the data
 * have participations to count: the Somme's PDI/PTI actions closest to each action type. A tenant without that
 * programme gets the items without a programme action.
 */
public final class DemoProgrammeActions {

  private static final Map<String, String> BY_TYPE = Map.of(
      "plateforme-mobilite-solidaire", "pdi-pti-2022-2025/2-1-1",
      "equilibre-emotionnel-psychologique", "pdi-pti-2022-2025/2-4-1",
      "preparation-entree-iae", "pdi-pti-2022-2025/1-6-2",
      "remobilisation-sociale", "pdi-pti-2022-2025/1-1-3",
      "preparation-emploi", "pdi-pti-2022-2025/1-4-2");

  private DemoProgrammeActions() {
  }

  /** Creates the item serving its type's programme action, or without one when the tenant has no such action. */
  public static Future<OfferItem> create(OfferService offer, RequestContext context, OfferItem item) {
    String action = item.programmeAction() != null ? item.programmeAction() : BY_TYPE.get(item.actionType());
    if (action == null || item.programmeAction() != null) {
      return offer.create(context, item);
    }
    OfferItem serving = new OfferItem(item.id(), item.actionType(), item.organisationId(), item.organisationName(),
        item.title(), item.description(), item.periodStart(), item.periodEnd(), item.schedule(), item.funders(), action,
        item.thematiques(), item.publics(), item.contactEmail(), item.contactPhone(), item.location(), item.places(),
        item.version(), item.updatedAt());
    return offer.create(context, serving).recover(error -> error instanceof Problem problem
        && problem.errors().stream().anyMatch(e -> e.field().equals("programmeAction"))
        ? offer.create(context, item) : Future.failedFuture(error));
  }
}
