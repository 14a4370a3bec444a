// The peer: @neo4j/graphql serving typeDefs.graphql over node:http, one process, as lean as
// it can be served (no framework): POST /graphql {query, variables} -> {data, errors}.
// Usage: NEO4J_URI=... NEO4J_USER=... NEO4J_PASSWORD=... node server.mjs PORT
import { readFileSync } from "node:fs";
import http from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { graphql } from "graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const database = process.env.NEO4J_DATABASE ?? "neo4j";

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    let status = 200;
    let body;
    try {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      body = await graphql({
        schema,
        source: query,
        variableValues: variables,
        contextValue: { sessionConfig: { database } },
      });
    } catch (error) {
      status = 400;
      body = { errors: [{ message: String(error) }] };
    }
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    response.end(text);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 4000), "127.0.0.1", () => {
  console.log(`peer listening on ${server.address().port}`);
});
