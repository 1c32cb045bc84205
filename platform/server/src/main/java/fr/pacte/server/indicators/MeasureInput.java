package fr.pacte.server.indicators;

import fr.pacte.server.programmes.ProgrammeMeasure;
import fr.pacte.server.text.Coded;
import fr.pacte.server.web.Fields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * How the programme manager says a programme indicator is computed: {@code measure} (a code of
 * {@link ProgrammeMeasure}), {@code exitTypes} (codes of the référentiel exit-types: the exits counted, or those counted
 * as positive for the rate) and {@code withSubActions} (also the offer items serving the action's sub-actions).
 */
record MeasureInput(ProgrammeMeasure measure, List<String> exitTypes, boolean withSubActions) {

  /** Reads the API's JSON (or a page's form under the same names); {@code exitTypes} are the tenant's codes. */
  static MeasureInput parse(JsonObject json, Set<String> exitTypes) {
    Fields f = Fields.of(json);
    String code = f.line("measure", 40);
    ProgrammeMeasure measure = null;
    if (code == null) {
      f.error("measure", "Indiquez le mode de calcul, parmi : " + ProgrammeMeasure.codes() + ".");
    } else {
      measure = Coded.find(ProgrammeMeasure.class, code).orElse(null);
      if (measure == null) {
        f.error("measure", "Mode de calcul inconnu « " + code + " » : choisissez parmi " + ProgrammeMeasure.codes() + ".");
      }
    }
    List<String> types = f.has("exitTypes") ? f.lines("exitTypes", 20, 80) : List.of();
    types = types == null ? List.of() : types.stream().distinct().toList();
    List<String> unknown = types.stream().filter(type -> !exitTypes.contains(type)).toList();
    if (!unknown.isEmpty()) {
      f.error("exitTypes", "Types de sortie inconnus de la typologie des sorties : " + String.join(", ", unknown) + ".");
    }
    if (measure != null && !measure.readsExitTypes() && !types.isEmpty()) {
      f.error("exitTypes", "Les types de sortie ne servent qu'aux sorties et au taux de sortie positive.");
    }
    if (measure == ProgrammeMeasure.POSITIVE_EXIT_RATE && types.isEmpty()) {
      f.error("exitTypes", "Indiquez les types de sortie comptés comme positifs : la typologie des sorties ne le dit pas.");
    }
    Boolean sub = f.has("withSubActions") ? f.bool("withSubActions") : Boolean.FALSE;
    f.throwIfAny();
    return new MeasureInput(measure, types, Boolean.TRUE.equals(sub));
  }
}
