package fr.pacte.server.organisations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An operator (structure porteuse, association, SIAE) or a partner of the département.
 *
 * @param id          stable text identifier, also the organisation of an operator account's scope
 * @param kind        {@code operator} or {@code partner}
 * @param territories territory codes where it works
 * @param version     incremented at each change: the optimistic lock of edits
 */
public record Organisation(String id, String kind, String name, String siret, String rna, String legalForm,
                           Address address, Person legalRepresentative, List<Contact> contacts, List<String> territories,
                           int version, OffsetDateTime updatedAt) {

  public Organisation {
    contacts = List.copyOf(contacts);
    territories = List.copyOf(territories);
  }

  public record Address(String street, String postalCode, String city) {

    public JsonObject toJson() {
      return new JsonObject().put("street", street).put("postalCode", postalCode).put("city", city);
    }

    public static Address fromJson(JsonObject json) {
      return json == null ? new Address(null, null, null)
          : new Address(json.getString("street"), json.getString("postalCode"), json.getString("city"));
    }

    /** One line, for pages and exports. */
    public String oneLine() {
      return String.join(", ", java.util.stream.Stream.of(street, String.join(" ",
              java.util.stream.Stream.of(postalCode, city).filter(s -> s != null && !s.isBlank()).toList()))
          .filter(s -> s != null && !s.isBlank()).toList());
    }
  }

  public record Person(String name, String role) {

    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("role", role);
    }

    public static Person fromJson(JsonObject json) {
      return json == null ? new Person(null, null) : new Person(json.getString("name"), json.getString("role"));
    }
  }

  public record Contact(String name, String role, String email, String phone) {

    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("role", role).put("email", email).put("phone", phone);
    }

    public static Contact fromJson(JsonObject json) {
      return new Contact(json.getString("name"), json.getString("role"), json.getString("email"), json.getString("phone"));
    }
  }

  public boolean isOperator() {
    return "operator".equals(kind);
  }

  public String kindLabel() {
    return isOperator() ? "Opérateur" : "Partenaire";
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("name", name)
        .put("siret", siret)
        .put("rna", rna)
        .put("legalForm", legalForm)
        .put("address", address.toJson())
        .put("legalRepresentative", legalRepresentative.toJson())
        .put("contacts", new JsonArray(contacts.stream().map(Contact::toJson).toList()))
        .put("territories", new JsonArray(territories))
        .put("version", version)
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString());
  }
}
