# procterm as a container: build with Maven, run on a JRE. Nothing here is needed to build or test
# procterm without Docker; see README "Several nodes on one PostgreSQL" and docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the health check only
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/procterm procterm && mkdir -p /var/lib/procterm && chown procterm /var/lib/procterm
COPY --from=build /src/server/target/procterm.jar /opt/procterm/procterm.jar
USER procterm
WORKDIR /var/lib/procterm
# listen on every interface inside the container; the data folder holds H2's file when no db.url is set
ENV PROCTERM_HOST=0.0.0.0 PROCTERM_PORT=8080 PROCTERM_DATA=/var/lib/procterm
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/opt/procterm/procterm.jar"]
CMD ["serve"]
