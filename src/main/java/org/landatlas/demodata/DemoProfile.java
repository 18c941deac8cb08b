package org.landatlas.demodata;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A demo-data profile from gis-data/profiles/NAME.json: which counties, how many parcels each, the seed and the
 * "as of" date from which statuses (active, expired …) are judged, so that the data never depends on the clock.
 */
public record DemoProfile(String name, long seed, LocalDate asOf, List<CountyQuota> counties) {

    public static final int MIN_PARCELS = 50;
    public static final int MAX_PARCELS = 2_000_000;

    /**
     * Parcels wanted in a county and, optionally, how many circulation contracts (the 200,000-parcel bench asks for
     * ~30,000, the load the circulation issue measures at; null = as many as the county's land market makes).
     */
    public record CountyQuota(String code, int parcels, Integer contracts) {
        public CountyQuota(String code, int parcels) {
            this(code, parcels, null);
        }
    }

    public DemoProfile {
        if (counties.isEmpty()) {
            throw new InvalidProfileException("profile '" + name + "': counties must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (CountyQuota q : counties) {
            if (!CountyCharacter.ALL.containsKey(q.code())) {
                throw new InvalidProfileException("profile '" + name + "': county code '" + q.code()
                        + "' is not a demo county (known: " + CountyCharacter.ALL.keySet() + ")");
            }
            if (!seen.add(q.code())) {
                throw new InvalidProfileException("profile '" + name + "': county " + q.code() + " is listed twice");
            }
            checkParcels(name, q.parcels());
            if (q.contracts() != null && (q.contracts() < 0 || q.contracts() > q.parcels() / 2)) {
                throw new InvalidProfileException("profile '" + name + "': contracts of county " + q.code()
                        + " must be between 0 and half its parcels (" + q.parcels() / 2 + "), got " + q.contracts());
            }
        }
    }

    private static void checkParcels(String profile, int parcels) {
        if (parcels < MIN_PARCELS || parcels > MAX_PARCELS) {
            throw new InvalidProfileException("profile '" + profile + "': parcels per county must be between "
                    + MIN_PARCELS + " and " + MAX_PARCELS + ", got " + parcels);
        }
    }

    public int totalParcels() {
        return counties.stream().mapToInt(CountyQuota::parcels).sum();
    }

    public DemoProfile withSeed(long newSeed) {
        return new DemoProfile(name, newSeed, asOf, counties);
    }

    public DemoProfile withParcelsPerCounty(int parcels) {
        checkParcels(name, parcels);
        return new DemoProfile(name, seed, asOf, counties.stream().map(c -> new CountyQuota(c.code(), parcels,
                c.contracts() == null ? null : (int) Math.round((double) c.contracts() * parcels / c.parcels()))).toList());
    }

    public static DemoProfile load(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new InvalidProfileException("profile name '" + name + "' must be lower-case letters, digits and '-'");
        }
        String path = "gis-data/profiles/" + name + ".json";
        try (InputStream in = DemoProfile.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new InvalidProfileException("no demo profile '" + name + "' (looked for " + path
                        + "; known: demo, mini, bench-200k, bench-1m)");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<CountyQuota> counties = new ArrayList<>();
            for (JsonNode c : root.path("counties")) {
                counties.add(new CountyQuota(c.path("code").asString(), c.path("parcels").asInt(),
                        c.hasNonNull("contracts") ? c.path("contracts").asInt() : null));
            }
            return new DemoProfile(root.path("name").asString(name), root.path("seed").asLong(),
                    LocalDate.parse(root.path("asOf").asString("2025-06-30")), counties);
        } catch (IOException | DateTimeParseException e) {
            throw new InvalidProfileException("profile '" + name + "' cannot be read: " + e.getMessage());
        }
    }

    /** A profile or generator parameter that is out of range; the message names the parameter. */
    public static class InvalidProfileException extends IllegalArgumentException {
        public InvalidProfileException(String message) {
            super(message);
        }
    }
}
