package org.ncsha.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncsha.mse.ServerInfo;

class MseFormsTest {
  @Test
  void each_field_of_the_add_pair_and_failback_forms_is_named_with_its_rule() {
    MseForms.Add add = new MseForms.Add();
    add.setAddress("10.0.0");
    assertEquals(List.of("address: '10.0.0' must be in the form #.#.#.#, where # is 0 to 255",
        "password: the Prime Infrastructure password set in the MSE's setup is required"), add.problems());
    add.setAddress(" 10.0.0.12 ");
    add.setPassword("Mse-pi-pw-9");
    assertEquals(List.of(), add.problems());

    MseForms.Pair pair = new MseForms.Pair();
    pair.setPrimaryAddress("10.0.0.11");
    pair.setSecondaryAddress("mse2");
    pair.setFailoverType("automatic");
    pair.setFailbackType("sometimes");
    assertEquals(List.of("primaryPassword: the primary MSE's Prime Infrastructure password is required",
        "secondaryAddress: 'mse2' must be in the form #.#.#.#, where # is 0 to 255",
        "secondaryPassword: the secondary MSE's Prime Infrastructure password is required",
        "failbackType: the Failback Type is manual or automatic, was 'sometimes'"), pair.problems());

    MseForms.Failback failback = new MseForms.Failback();
    failback.setSecondaryAddress("10.0.0.256");
    assertEquals(List.of("secondaryAddress: '10.0.0.256' must be in the form #.#.#.#, where # is 0 to 255",
        "secondaryPassword: the secondary MSE's Prime Infrastructure password is required"), failback.problems());
    failback.setSecondaryAddress("10.0.0.12");
    failback.setSecondaryPassword("Mse-pi-pw-9");
    assertEquals(List.of(), failback.problems());
  }

  @Test
  void getserverinfo_as_the_mse_sends_it_is_read_back_whole() throws Exception {
    ServerInfo sent = new ServerInfo("mse-primary", "0.1.0", "Primary", "Primary Active", "VA-2", "10.0.0.11", "10.0.0.100",
        List.of(new ServerInfo.Service("Database", "Up", null)), 24, null);
    try (var json = JsonbBuilder.create()) {
      assertEquals(sent, json.fromJson(json.toJson(sent), ServerInfo.class));
    }
  }
}
