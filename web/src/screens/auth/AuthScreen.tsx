// Placeholder until the screen is built.
export default function AuthScreen() {
  return <h1>AuthScreen</h1>;
}
