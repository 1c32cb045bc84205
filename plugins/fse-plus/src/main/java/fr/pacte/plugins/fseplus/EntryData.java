package fr.pacte.plugins.fseplus;

import java.util.Map;

/** What is collected at a participant's entry beyond what the pathway already holds. */
record EntryData(String gender, String labourStatus, String education, Map<String, String> sensitive) {
}
