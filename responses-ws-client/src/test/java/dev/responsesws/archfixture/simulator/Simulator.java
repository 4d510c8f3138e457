package dev.responsesws.archfixture.simulator;

/**
 * Stands for the simulator's package in the architecture rules' negative case.
 */
public class Simulator {

}
