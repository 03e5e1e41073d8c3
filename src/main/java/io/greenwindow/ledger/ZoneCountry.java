package io.greenwindow.ledger;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The country of a grid zone, as CodeCarbon's emissions.csv names it: ISO 3166-1 alpha-3 code and English name.
 * Electricity Maps and WattTime zones start with the alpha-2 code of their country ("DE", "GB", "US-CAL-CISO",
 * "SE-SE3"); the JDK's ISO tables turn it into the alpha-3 code and the name. {@code region} is CodeCarbon's
 * region: for the US a lower-case state name where the zone is one state's grid, else the zone itself.
 */
record ZoneCountry(String isoCode, String name, String region) {

    /** US balancing areas that lie within one state, by CodeCarbon's lower-case state name. */
    private static final Map<String, String> US_STATES = Map.of(
            "US-CAL-CISO", "california",
            "US-TEX-ERCO", "texas",
            "US-NY-NYIS", "new york",
            "US-FLA-FPL", "florida");
    /** CodeCarbon's names where the JDK's English name differs ("United States" is CodeCarbon's, not "U.S."). */
    private static final Map<String, String> NAMES = Map.of("USA", "United States", "GBR", "United Kingdom");
    private static final Set<String> ISO_2 = Set.of(Locale.getISOCountries());

    /** The zone's country; empty code and name when the zone does not start with a country code. */
    static ZoneCountry of(String zone) {
        String prefix = zone == null ? "" : zone.split("-", 2)[0].toUpperCase(Locale.ROOT);
        // "UK" is what people write; ISO says GB.
        String iso2 = prefix.equals("UK") ? "GB" : prefix;
        String region = US_STATES.getOrDefault(zone, zone == null ? "" : zone);
        if (!ISO_2.contains(iso2)) {
            return new ZoneCountry("", "", region);
        }
        Locale country = new Locale.Builder().setRegion(iso2).build();
        String iso3 = country.getISO3Country();
        return new ZoneCountry(iso3, NAMES.getOrDefault(iso3, country.getDisplayCountry(Locale.ENGLISH)), region);
    }
}
