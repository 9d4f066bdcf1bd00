-- The urenbank's lists at national scale (issue 12): the hours of a
-- proeftuin newest first (the page /proeftuinen/{p}/uren) read from an
-- index in their order instead of sorting a million entries, and the inzet
-- of one organisation's staff (the booking form) without reading every
-- inzet of the proeftuin.
CREATE INDEX uren_proeftuin_datum ON uren(proeftuin_id, datum, id);
CREATE INDEX inzet_organisatie ON inzet(organisatie_id, opdracht_id);
-- The staff of a proeftuin's members in the members' order (the selects of
-- the booking and staffing forms): the first few without sorting all.
CREATE INDEX proeftuin_leden_volgorde ON proeftuin_leden(proeftuin_id, volgorde);
-- The largest flows of who works for whom (the overview of a large
-- proeftuin) from an index in their order, and counted from it.
CREATE INDEX urenbank_stromen_minuten ON urenbank_stromen(proeftuin_id, minuten, organisatie_id, opdrachtgever_id);
