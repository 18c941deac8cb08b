package org.landatlas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LandAtlasApplication {
    public static void main(String[] args) {
        SpringApplication.run(LandAtlasApplication.class, args);
    }
}
