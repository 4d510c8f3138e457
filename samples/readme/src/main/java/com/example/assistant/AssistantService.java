package com.example.assistant;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.request.InputMessage;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

@Service
public class AssistantService {

    private final ResponsesConversations conversations;

    public AssistantService(ResponsesConversations conversations) {
        this.conversations = conversations;
    }

    public Flux<String> answer(String question) {
        return this.conversations.create()
            .send(InputMessage.user(question))
            .ofType(OutputTextDeltaEvent.class)
            .map(OutputTextDeltaEvent::delta);
    }

}
