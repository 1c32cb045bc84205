package fr.pacte.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point for an action type ("fiche action"): one plugin per type.
 *
 * @since 1.0.0
 */
public interface ActionType extends ExtensionPoint {

  ActionTypeDescriptor descriptor();
}
