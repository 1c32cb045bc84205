package fr.pacte.server.identity;

/** An area a scope may be narrowed to, as identity needs it: tenancy's territories are ones. */
public interface Territory {

  /** The territory layer, e.g. {@code territoire-action-sociale}. */
  String layer();

  String code();

  String name();
}
