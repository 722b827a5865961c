namespace ComposeGen.Tests.Generator;

/// <summary>Compose files written for the generator tests: what real apps declare, and the awkward cases.</summary>
internal static class TestProjects
{
    /// <summary>A shop: API, PostgreSQL and Redis on separate frontend / backend / data networks, with secrets.</summary>
    public const string Shop = """
        name: shop
        services:
          api:
            build: ./Shop.Api
            ports:
              - "8080:8080"
            environment:
              ConnectionStrings__Orders: "Host=orders-db;Database=orders"
              ASPNETCORE_ENVIRONMENT: ${ASPNETCORE_ENVIRONMENT:-Development}
            networks: [frontend, backend]
            depends_on:
              orders-db:
                condition: service_healthy
              cache:
                condition: service_started

          orders-db:
            image: postgres:16-alpine
            environment:
              POSTGRES_USER: shop
              POSTGRES_PASSWORD_FILE: /run/secrets/orders_db_password
              POSTGRES_DB: orders
            ports:
              - "127.0.0.1:5432:5432"
            volumes:
              - orders-data:/var/lib/postgresql/data
            secrets: [orders_db_password]
            networks: [data]
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U shop"]
              interval: 5s

          cache:
            image: redis:7
            command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}"]
            expose: ["6379"]
            networks: [data]

        networks:
          frontend:
          backend:
          data:
            internal: true

        volumes:
          orders-data:

        secrets:
          orders_db_password:
            file: ./secrets/orders_db_password.txt
        """;

    /// <summary>Names that are hard to turn into C#: hyphens, dots, digits, keywords, collisions, non-ASCII.</summary>
    public const string AwkwardNames = """
        services:
          orders-db: {image: postgres}
          orders_db: {image: postgres}
          orders.db: {image: postgres}
          2fa: {image: nginx}
          class: {image: nginx}
          Services: {image: nginx}
          all: {image: nginx}
          host: {image: nginx}
          café: {image: nginx}
          "---": {image: nginx}
          environment:
            image: nginx
            environment:
              environment: x
              PATH: /bin
              path: /usr/bin
        networks:
          default-net:
          all:
        volumes:
          data.v1:
          data-v1:
        """;
}
