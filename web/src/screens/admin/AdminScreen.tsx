// Placeholder until the screen is built.
export default function AdminScreen() {
  return <h1>AdminScreen</h1>;
}
