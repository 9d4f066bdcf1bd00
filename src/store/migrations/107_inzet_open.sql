-- The open inzet of a proeftuin (the consent page: who may end which inzet,
-- a page of them and how many there are) counted from an index instead of
-- reading all 60 000 inzet rows at national scale for their status (issue
-- 12): per opdracht its inzet by status, with the providing organisation.
CREATE INDEX inzet_opdracht_status ON inzet(opdracht_id, status, organisatie_id);
