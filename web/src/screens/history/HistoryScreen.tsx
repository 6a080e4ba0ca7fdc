// Placeholder until the screen is built.
export default function HistoryScreen() {
  return <h1>HistoryScreen</h1>;
}
