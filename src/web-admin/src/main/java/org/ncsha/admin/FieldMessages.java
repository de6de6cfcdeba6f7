package org.ncsha.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;

/**
 * The page messages of the admin server's forms. A refusal names its field first ("address:
 * ..."): it is shown at that field's component, the rest at the top of the page.
 */
final class FieldMessages {
  private FieldMessages() {}

  /** {@code problem} at the component {@code fields} gives its field, or at the top. */
  static void error(String problem, Map<String, String> fields) {
    int colon = problem.indexOf(':');
    String field = colon < 0 ? null : fields.get(problem.substring(0, colon));
    FacesContext.getCurrentInstance().addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, problem, null));
  }

  static void info(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }
}
