package org.landatlas.demodata;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Loads the configured demo profile on start (once: later starts find it loaded and go on), and with
 * {@code landatlas.demo.exit-after-load=true} exits afterwards, which bench/ uses to prepare its databases.
 */
@Component
class DemoDataInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataInitializer.class);

    private final DataSource dataSource;
    private final DemoGenerator generator;
    private final DemoTargetMetrics targetMetrics;
    private final Environment env;
    private final ConfigurableApplicationContext context;

    DemoDataInitializer(DataSource dataSource, DemoGenerator generator, DemoTargetMetrics targetMetrics, Environment env, ConfigurableApplicationContext context) {
        this.dataSource = dataSource;
        this.generator = generator;
        this.targetMetrics = targetMetrics;
        this.env = env;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoProfile profile = configuredProfile(env);
        if (profile != null) {
            DemoLoader.Outcome outcome = new DemoLoader(dataSource, generator, targetMetrics.measured()).ensureLoaded(profile);
            if (outcome == DemoLoader.Outcome.ALREADY_LOADED) {
                log.info("Demo profile '{}' (seed {}) is already loaded", profile.name(), profile.seed());
            }
        }
        if (env.getProperty("landatlas.demo.exit-after-load", Boolean.class, false)) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }

    /** The profile named by landatlas.demo.*, or null for 'none'; bad values fail with the property's name. */
    static DemoProfile configuredProfile(Environment env) {
        String name = env.getProperty("landatlas.demo.profile", "demo");
        if ("none".equals(name)) {
            return null;
        }
        DemoProfile profile = DemoProfile.load(name);
        String seed = env.getProperty("landatlas.demo.seed");
        if (StringUtils.hasText(seed)) {
            try {
                profile = profile.withSeed(Long.parseLong(seed.trim()));
            } catch (NumberFormatException e) {
                throw new DemoProfile.InvalidProfileException("landatlas.demo.seed (LANDATLAS_DEMO_SEED) must be a whole number, got '" + seed + "'");
            }
        }
        String parcels = env.getProperty("landatlas.demo.parcels-per-county");
        if (StringUtils.hasText(parcels)) {
            int n;
            try {
                n = Integer.parseInt(parcels.trim());
            } catch (NumberFormatException e) {
                throw new DemoProfile.InvalidProfileException("landatlas.demo.parcels-per-county (LANDATLAS_DEMO_PARCELS) must be a whole number, got '" + parcels + "'");
            }
            if (n < DemoProfile.MIN_PARCELS || n > DemoProfile.MAX_PARCELS) {
                throw new DemoProfile.InvalidProfileException("landatlas.demo.parcels-per-county (LANDATLAS_DEMO_PARCELS) must be between "
                        + DemoProfile.MIN_PARCELS + " and " + DemoProfile.MAX_PARCELS + ", got " + n);
            }
            profile = profile.withParcelsPerCounty(n);
        }
        return profile;
    }
}
