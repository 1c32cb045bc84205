-- A need may be counted in the action type's own unit (CapacityUnit.OWN): its words come from the plugin's descriptor.
ALTER TABLE platform.need_target DROP CONSTRAINT need_target_unit_check;
ALTER TABLE platform.need_target ADD CONSTRAINT need_target_unit_check
  CHECK (unit IN ('PEOPLE_IN_FILE_ACTIVE', 'WORKSHOPS_PER_YEAR', 'OWN'));
