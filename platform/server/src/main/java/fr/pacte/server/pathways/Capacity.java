package fr.pacte.server.pathways;

import io.vertx.core.json.JsonObject;

/**
 * The live capacity of one offer item in one territory: places funded, people holding a place (proposed or in),
 * people waiting, places left; and the RSA share of the people holding a place.
 *
 * @param counted false for collective action types, whose places are workshops a year, not people: nobody waits
 */
public record Capacity(int funded, int held, int entered, int waiting, int rsaHeld, boolean counted) {

  public int left() {
    return counted ? Math.max(0, funded - held) : funded;
  }

  public boolean full() {
    return counted && held >= funded;
  }

  /** The RSA share of the file active in percent, with one more person (RSA or not) counted in. */
  public int rsaShareWith(boolean rsaRecipient) {
    int total = held + 1;
    return (int) Math.floor(100.0 * (rsaHeld + (rsaRecipient ? 1 : 0)) / total);
  }

  public int rsaShare() {
    return held == 0 ? 0 : (int) Math.floor(100.0 * rsaHeld / held);
  }

  public JsonObject toJson() {
    return new JsonObject().put("funded", funded).put("in", entered).put("held", held).put("waiting", waiting)
        .put("left", left()).put("full", full()).put("countsPeople", counted).put("rsaSharePercent", rsaShare());
  }
}
