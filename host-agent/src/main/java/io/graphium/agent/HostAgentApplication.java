package io.graphium.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Host agent: Drives the local Docker daemon of one host and reports its state. */
@SpringBootApplication
public class HostAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(HostAgentApplication.class, args);
    }
}
