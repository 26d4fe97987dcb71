package io.graphium.placement;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Placement service: Decides which host runs each container, from the live host inventory. */
@SpringBootApplication
public class PlacementServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlacementServiceApplication.class, args);
    }
}
