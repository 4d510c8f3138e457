package dev.responsesws.client.event;

import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.output_text.annotation.added}: an annotation was added to an
 * {@code output_text} part, for example a {@code url_citation} of a web search or a
 * {@code file_citation} of a file search.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the message item
 * @param outputIndex the index of the item in the response's output
 * @param contentIndex the index of the part in the item's content
 * @param annotationIndex the index of the annotation in the part's annotations
 * @param annotation the annotation as received, whose {@code type} says its shape; its tree is
 * built only when asked for
 */
public record OutputTextAnnotationAddedEvent(long sequenceNumber, @Nullable String streamId,
		@Nullable String itemId, int outputIndex, int contentIndex, int annotationIndex, RawJson annotation)
		implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.output_text.annotation.added";

	@Override
	public String type() {
		return TYPE;
	}

}
