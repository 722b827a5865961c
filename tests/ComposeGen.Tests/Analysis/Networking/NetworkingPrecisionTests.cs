using ComposeGen.Analysis.Networking;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Analysis.Networking;

/// <summary>
/// Precision on projects shaped like the ones people write (Kafka + Spring, a React/FastAPI stack behind traefik,
/// WordPress/Mongo/Keycloak/Grafana/MinIO/.NET): every host reference in them is found, and no rule fires, except
/// for the bugs planted in the last one.
/// </summary>
public class NetworkingPrecisionTests
{
    private const string KafkaAndSpring = """
        services:
          zookeeper:
            image: confluentinc/cp-zookeeper:7.5.0
            environment:
              ZOOKEEPER_CLIENT_PORT: 2181
              ZOO_SERVERS: server.1=zookeeper:2888:3888;2181
          kafka:
            image: confluentinc/cp-kafka:7.5.0
            depends_on: [zookeeper]
            ports: ["29092:29092"]
            environment:
              KAFKA_BROKER_ID: 1
              KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
              KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:29092
              KAFKA_LISTENERS: PLAINTEXT://0.0.0.0:9092,PLAINTEXT_HOST://0.0.0.0:29092
              KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT
          kafka-ui:
            image: provectuslabs/kafka-ui
            ports: ["8080:8080"]
            environment:
              KAFKA_CLUSTERS_0_NAME: local
              KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: kafka:9092
              KAFKA_CLUSTERS_0_ZOOKEEPER: zookeeper:2181
          app:
            build: .
            environment:
              SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092
              SPRING_DATASOURCE_URL: jdbc:postgresql://db:5432/app
              SPRING_REDIS_HOST: redis
              SPRING_REDIS_PORT: 6379
              KAFKA_SERVER_HOST: kafka
              KAFKA_SERVER_PORT: 9092
              PGHOST: db
              PGPORT: 5432
              JAVA_OPTS: -Xmx512m -Dspring.profiles.active=docker -XX:MaxRAMPercentage=75.0
          db:
            image: postgres:16
            ports: ["5433:5432"]
          redis:
            image: redis:7
        """;

    private const string WebStack = """
        services:
          traefik:
            image: traefik:v3.0
            command:
              - --api.insecure=true
              - --providers.docker=true
              - --entrypoints.web.address=:80
              - --entrypoints.websecure.address=:443
              - --certificatesresolvers.le.acme.email=admin@example.com
            ports: ["80:80", "443:443", "8080:8080"]
            volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
          frontend:
            build: ./frontend
            environment:
              REACT_APP_API_URL: http://localhost:8000
              NEXT_PUBLIC_API: http://localhost:8000/api
              API_URL: http://backend:8000
              NODE_OPTIONS: --max-old-space-size=4096
            ports: ["3000:3000"]
            command: npm run dev -- --host 0.0.0.0 --port 3000
            healthcheck:
              test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]
          backend:
            build: ./backend
            command: uvicorn main:app --host 0.0.0.0 --port 8000 --reload
            ports: ["8000:8000"]
            environment:
              DATABASE_URL: postgresql+asyncpg://postgres:postgres@db:5432/app
              CELERY_BROKER_URL: redis://redis:6379/0
              CELERY_RESULT_BACKEND: redis://redis:6379/1
              DJANGO_ALLOWED_HOSTS: localhost 127.0.0.1 [::1]
              CORS_ORIGINS: http://localhost:3000,http://127.0.0.1:3000
              SMTP_HOST: smtp.gmail.com
              SMTP_PORT: 587
              OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4317
              TZ: Europe/Berlin
          worker:
            build: ./backend
            command: celery -A app.worker worker -l info
            environment:
              CELERY_BROKER_URL: redis://redis:6379/0
          db:
            image: postgres:16-alpine
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U postgres -h localhost"]
              interval: 5s
          redis:
            image: redis:7-alpine
            command: redis-server --requirepass secret --appendonly yes
          otel-collector:
            image: otel/opentelemetry-collector:0.98.0
            command: ["--config=/etc/otel-collector-config.yaml"]
          nginx:
            image: nginx:1.25
            environment:
              VIRTUAL_HOST: shop.localhost
              LETSENCRYPT_HOST: shop.example.com
              NGINX_HOST: shop.example.com
              NGINX_PORT: 80
        """;

    private const string ManyImages = """
        services:
          db:
            image: mariadb:11
            command: --default-authentication-plugin=mysql_native_password --transaction-isolation=READ-COMMITTED
            environment:
              MARIADB_ROOT_PASSWORD: example
            healthcheck:
              test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]
          wordpress:
            image: wordpress:6
            ports: ["8080:80"]
            environment:
              WORDPRESS_DB_HOST: db:3306
              WORDPRESS_DB_USER: wp
          phpmyadmin:
            image: phpmyadmin
            ports: ["8081:80"]
            environment:
              PMA_HOST: db
              PMA_PORT: 3306
              PMA_ARBITRARY: 1
          mongo:
            image: mongo:7
            environment:
              MONGO_INITDB_ROOT_USERNAME: root
          mongo-express:
            image: mongo-express
            ports: ["8082:8081"]
            environment:
              ME_CONFIG_MONGODB_URL: mongodb://root:example@mongo:27017/
              ME_CONFIG_MONGODB_SERVER: mongo
              ME_CONFIG_BASICAUTH: "false"
          keycloak:
            image: quay.io/keycloak/keycloak:24.0
            command: start-dev
            ports: ["8180:8080"]
            environment:
              KC_DB: postgres
              KC_DB_URL: jdbc:postgresql://kc-db:5432/keycloak
              KC_HOSTNAME: localhost
              KC_HOSTNAME_PORT: 8180
              KC_HTTP_PORT: 8080
          kc-db:
            image: postgres:15
          grafana:
            image: grafana/grafana
            ports: ["3000:3000"]
            environment:
              GF_SERVER_ROOT_URL: http://localhost:3000
              GF_DATABASE_HOST: kc-db:5432
          n8n:
            image: n8nio/n8n
            ports: ["5678:5678"]
            environment:
              N8N_HOST: localhost
              N8N_PORT: 5678
              WEBHOOK_URL: http://localhost:5678/
          minio:
            image: minio/minio
            command: server /data --console-address ":9001"
            environment:
              MINIO_SERVER_URL: http://localhost:9000
              MINIO_BROWSER_REDIRECT_URL: http://localhost:9001
          rabbitmq:
            image: rabbitmq:3-management
            environment:
              RABBITMQ_DEFAULT_VHOST: /
          api:
            build: .
            environment:
              ConnectionStrings__Default: "Server=mssql,1433;Database=Shop;User Id=sa;Password=P@ss;TrustServerCertificate=True"
              ConnectionStrings__Rabbit: "amqp://guest:guest@rabbitmq:5672"
              RabbitMQ__HostName: rabbitmq
              Redis__Configuration: redis:6379,abortConnect=false
              ASPNETCORE_URLS: http://+:8080
              Seq__ServerUrl: http://seq:5341
              ASPNETCORE_HTTP_PORTS: 8080
          mssql:
            image: mcr.microsoft.com/mssql/server:2022-latest
            ports: ["1433:1433"]
          seq:
            image: datalust/seq
          redis:
            image: redis
        """;

    private const string PlantedBugs = """
        services:
          api:
            build: .
            environment:
              DATABASE_URL: postgres://app:pw@localhost:5432/app
              REDIS_URL: redis://cache:6380
              MQ: amqp://rabbit:5672
              SEARCH: http://elastic:9200
              DB_HOST: postgress
          postgres:
            image: postgres
            ports: ["5432:5432"]
          cache:
            image: redis
          rabbitmq:
            image: rabbitmq
        """;

    private static List<string> Findings(string yaml)
        => NetworkingRules.Run(TestCompose.Project(yaml)).Select(p => $"{p.Id} ({p.Span.StartLine},{p.Span.StartColumn})").ToList();

    private static List<string> References(string yaml)
        => NetworkingAnalysis.For(TestCompose.Project(yaml)).References
            .Select(r => $"{r.Service.Name} {r.Reference.Display} {r.Resolution.Kind}").ToList();

    [Fact]
    public void Kafka_and_spring_references_resolve_and_nothing_fires()
    {
        Assert.Empty(Findings(KafkaAndSpring));
        Assert.Equal(
            new[]
            {
                "kafka zookeeper:2181 Service", "kafka kafka:9092 Service", "kafka localhost:29092 WellKnown", "kafka 0.0.0.0:9092 IpLiteral",
                "kafka 0.0.0.0:29092 IpLiteral", "kafka-ui kafka:9092 Service", "kafka-ui zookeeper:2181 Service", "app kafka:9092 Service",
                "app db:5432 Service", "app redis:6379 Service", "app kafka:9092 Service", "app db:5432 Service",
            },
            References(KafkaAndSpring));
    }

    [Fact]
    public void A_web_stack_with_browser_urls_bind_addresses_and_healthchecks_stays_silent()
    {
        Assert.Empty(Findings(WebStack));
        Assert.Contains("backend otel-collector:4317 Service", References(WebStack));
        Assert.Contains("backend smtp.gmail.com:587 ExternalDns", References(WebStack));
    }

    [Fact]
    public void Well_known_images_and_dotnet_connection_strings_stay_silent()
    {
        Assert.Empty(Findings(ManyImages));
        Assert.Contains("api mssql:1433 Service", References(ManyImages));
        Assert.Contains("api rabbitmq Service", References(ManyImages));
        Assert.Contains("api redis:6379 Service", References(ManyImages));
        Assert.Contains("phpmyadmin db:3306 Service", References(ManyImages));
    }

    [Fact]
    public void Only_the_planted_bugs_fire()
        => Assert.Equal(
            new[] { "CG3002 (7,18)", "CG3002 (8,22)", "CG3002 (9,16)", "CG3003 (6,32)", "CG3006 (5,39)" },
            Findings(PlantedBugs));
}
