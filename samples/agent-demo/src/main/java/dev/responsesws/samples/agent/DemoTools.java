package dev.responsesws.samples.agent;

import java.util.List;
import java.util.Map;

import dev.responsesws.client.conversation.AgentTool;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's tools: a calculator and a lookup over the bundled city data.
 */
final class DemoTools {

	private DemoTools() {
	}

	static List<AgentTool> create() {
		CityDirectory cities = new CityDirectory();
		AgentTool calculate = AgentTool.of("calculate",
				"Evaluates an arithmetic expression with + - * / % ^ and parentheses and returns the result.",
				"""
						{"type":"object","properties":{"expression":{"type":"string",
						"description":"the expression, for example 12 * (3 + 4)"}},"required":["expression"]}""",
				(arguments) -> Calculator.format(Calculator.evaluate(arguments.path("expression").asString(""))));
		AgentTool lookupCity = AgentTool.of("lookup_city",
				"Returns the country, population, time zone and founding year of a city.", """
						{"type":"object","properties":{"city":{"type":"string","description":"the city name"}},
						"required":["city"]}""", (arguments) -> {
					String name = arguments.path("city").asString("");
					Map<String, String> city = cities.find(name);
					if (city == null) {
						return "{\"error\":\"unknown city '" + name + "'; known: " + String.join(", ", cities.names()) + "\"}";
					}
					return JsonMapper.shared().valueToTree(city).toString();
				});
		return List.of(calculate, lookupCity);
	}

}
