#!/bin/sh
# rebuild app.war
cd /tmp/ssoproto/app && rm -rf web/WEB-INF/classes && javac -d web/WEB-INF/classes -cp /tmp/ssoproto/wlp/dev/api/spec/io.openliberty.jakarta.servlet.6.0_1.0.111.jar:/tmp/ssoproto/wlp/dev/api/spec/io.openliberty.jakarta.security.3.0_1.0.111.jar:/tmp/ssoproto/wlp/dev/api/spec/io.openliberty.jakarta.authentication.3.0_1.0.111.jar:/tmp/ssoproto/wlp/dev/api/spec/io.openliberty.jakarta.cdi.4.0_1.0.111.jar src/proto/*.java && (cd web && jar cf ../app.war .)
