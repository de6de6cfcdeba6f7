package org.ncsha.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Turns on Faces' CDI integration, so pages resolve the @Named view beans. */
@FacesConfig
@ApplicationScoped
public class FacesActivation {}
