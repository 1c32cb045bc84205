package fr.pacte.api;

import org.pf4j.ExtensionPoint;

/** Extension point for an action type ("fiche action"): one plugin per type. */
public interface ActionType extends ExtensionPoint {

  ActionTypeDescriptor descriptor();
}
