package com.example.assistant;

import java.time.Duration;
import java.util.List;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.test.StepVerifier;

@SpringBootTest
@AutoConfigureMockResponsesServer
class AssistantServiceTests {

    @Autowired MockResponsesServer server;
    @Autowired AssistantService service;

    @Test
    void answers() {
        this.server.enqueue(OutputPlan.text("Paris"));
        StepVerifier.create(this.service.answer("Capital of France?").collectList())
            .expectNext(List.of("Paris"))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

}
