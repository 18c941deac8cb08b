// Stand-in for the optional `graphql-ws` package (subscriptions over WebSocket are not used).
export function createClient() {
  throw new Error('graphql-ws is not bundled in LandAtlas GraphiQL (subscriptions unsupported)');
}
